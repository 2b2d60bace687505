package dev.keel.node.probe;

import dev.keel.api.core.HttpGetAction;
import dev.keel.api.core.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs an httpGet probe with the JDK's asynchronous HTTP client: GET {@code scheme://host:port/path}, with
 * {@code User-Agent: kube-probe/keel} and {@code Accept: *}{@code /*} unless the probe's headers override them.
 * A status in [200, 400) is success. HTTPS trusts any certificate. Redirects to the same host name are followed
 * (at most 10) and judged by where they end; a redirect to another host is not followed and counts as success
 * (the kubelet's "probe terminated redirects" warning).
 *
 * <p>Headers the JDK client forbids ({@code Host}, {@code Connection}, {@code Content-Length}, {@code Expect},
 * {@code Upgrade}) are skipped with a debug line: this client cannot send them.
 */
final class HttpGetCheck {
    private static final Logger log = LoggerFactory.getLogger(HttpGetCheck.class);
    private static final int MAX_REDIRECTS = 10;

    private final HttpClient client;

    HttpGetCheck(Executor executor) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(TrustAllTls.context())
                .executor(executor)
                .build();
    }

    CompletableFuture<ProbeResult> run(HttpGetAction action, ProbeTarget target, Duration timeout) {
        Optional<URI> uri;
        String scheme = action.scheme() == null ? "HTTP" : action.scheme().toUpperCase(Locale.ROOT);
        if (!scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
            return done(new ProbeResult.Error("httpGet probe scheme must be HTTP or HTTPS, got " + action.scheme()));
        }
        Optional<Integer> port = action.port() == null ? Optional.empty() : target.resolvePort(action.port());
        if (port.isEmpty()) {
            return done(new ProbeResult.Error("httpGet probe port " + action.port()
                    + " is not a number or a port name of container " + target.containerName()));
        }
        String host = action.host() == null || action.host().isEmpty() ? target.defaultHost() : action.host();
        String path = action.path() == null || action.path().isEmpty() ? "/" : action.path();
        try {
            URI base = new URI(scheme.toLowerCase(Locale.ROOT), null, host, port.get(), null, null, null);
            uri = Optional.of(base.resolve(path.startsWith("/") ? path : "/" + path));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return done(new ProbeResult.Error("httpGet probe URL is invalid: " + e.getMessage()));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        return get(action, uri.get(), deadline, 0)
                .completeOnTimeout(new ProbeResult.Failure("GET " + uri.get() + " timed out after "
                        + timeout.toSeconds() + "s"), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private CompletableFuture<ProbeResult> get(HttpGetAction action, URI uri, long deadline, int redirects) {
        Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().timeout(left)
                .setHeader("User-Agent", "kube-probe/keel")
                .setHeader("Accept", "*/*");
        for (HttpHeader h : action.httpHeaders()) {
            try {
                b.setHeader(h.name(), h.value() == null ? "" : h.value());
            } catch (IllegalArgumentException e) {
                log.debug("httpGet probe header {} skipped: {}", h.name(), e.getMessage());
            }
        }
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding())
                .handle((resp, err) -> {
                    if (err != null) {
                        Throwable c = err.getCause() != null ? err.getCause() : err;
                        return done(new ProbeResult.Failure("GET " + uri + " failed: " + describe(c)));
                    }
                    return judge(action, uri, resp, deadline, redirects);
                })
                .thenCompose(f -> f);
    }

    private CompletableFuture<ProbeResult> judge(HttpGetAction action, URI uri, HttpResponse<Void> resp,
                                                 long deadline, int redirects) {
        int code = resp.statusCode();
        if (code >= 300 && code < 400) {
            Optional<String> location = resp.headers().firstValue("Location");
            if (location.isPresent()) {
                URI next;
                try {
                    next = uri.resolve(location.get());
                } catch (IllegalArgumentException e) {
                    return done(new ProbeResult.Success("HTTP " + code + " with an invalid Location"));
                }
                if (next.getHost() == null || !next.getHost().equalsIgnoreCase(uri.getHost())) {
                    return done(new ProbeResult.Success("HTTP " + code + ": redirect to another host " + next
                            + " not followed"));
                }
                if (redirects < MAX_REDIRECTS) {
                    return get(action, next, deadline, redirects + 1);
                }
                return done(new ProbeResult.Success("HTTP " + code + ": stopped after " + MAX_REDIRECTS
                        + " redirects"));
            }
        }
        if (code >= 200 && code < 400) {
            return done(new ProbeResult.Success("HTTP " + code));
        }
        return done(new ProbeResult.Failure("HTTP probe failed with status code " + code + " from " + uri));
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static CompletableFuture<ProbeResult> done(ProbeResult r) {
        return CompletableFuture.completedFuture(r);
    }
}
