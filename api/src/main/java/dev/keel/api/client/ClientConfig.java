package dev.keel.api.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an apiserver. Build with {@link #of(URI)} and the {@code with...} methods, or read a kubeconfig with
 * {@link Kubeconfig#load}.
 *
 * @param server                  {@code https://host:port} (or {@code http://} for a plain loopback port); no path
 * @param bearerToken             sent as {@code Authorization: Bearer ...}; {@code null} for none
 * @param certificateAuthorityPem PEM certificates trusted for an https server; {@code null} trusts the JDK's
 *                                default CAs
 * @param defaultNamespace        used for namespaced item calls given a {@code null} namespace (default
 *                                {@code default})
 * @param requestTimeout          bound on one request, from queueing until its body is read (default 30 s); watches
 *                                are bounded by their own {@code timeoutSeconds}
 * @param connectTimeout          bound on opening a connection (default 10 s)
 * @param maxRequestsInFlight     concurrent non-watch requests; further requests wait in FIFO order within their
 *                                timeout (default 64)
 */
public record ClientConfig(URI server, String bearerToken, String certificateAuthorityPem, String defaultNamespace,
                           Duration requestTimeout, Duration connectTimeout, int maxRequestsInFlight) {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_REQUESTS_IN_FLIGHT = 64;

    public ClientConfig {
        Objects.requireNonNull(server, "server");
        String scheme = server.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException("server must be an http:// or https:// URL, got \"" + server + "\"");
        }
        if (server.getHost() == null) {
            throw new IllegalArgumentException("server URL has no host: \"" + server + "\"");
        }
        if (server.getRawPath() != null && !server.getRawPath().isEmpty() && !server.getRawPath().equals("/")) {
            throw new IllegalArgumentException("server URL must not have a path, got \"" + server + "\"");
        }
        if (bearerToken != null && bearerToken.isBlank()) {
            bearerToken = null;
        }
        defaultNamespace = defaultNamespace == null || defaultNamespace.isEmpty() ? "default" : defaultNamespace;
        requestTimeout = positive(requestTimeout, DEFAULT_REQUEST_TIMEOUT, "requestTimeout");
        connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
        if (maxRequestsInFlight <= 0) {
            throw new IllegalArgumentException("maxRequestsInFlight must be positive, got " + maxRequestsInFlight);
        }
    }

    /** {@code server} with no token, the JDK's CAs, namespace {@code default} and the default limits. */
    public static ClientConfig of(URI server) {
        return new ClientConfig(server, null, null, null, null, null, DEFAULT_MAX_REQUESTS_IN_FLIGHT);
    }

    public Optional<String> token() {
        return Optional.ofNullable(bearerToken);
    }

    public ClientConfig withBearerToken(String token) {
        return new ClientConfig(server, token, certificateAuthorityPem, defaultNamespace, requestTimeout,
                connectTimeout, maxRequestsInFlight);
    }

    public ClientConfig withCertificateAuthorityPem(String pem) {
        return new ClientConfig(server, bearerToken, pem, defaultNamespace, requestTimeout, connectTimeout,
                maxRequestsInFlight);
    }

    public ClientConfig withDefaultNamespace(String namespace) {
        return new ClientConfig(server, bearerToken, certificateAuthorityPem, namespace, requestTimeout,
                connectTimeout, maxRequestsInFlight);
    }

    public ClientConfig withRequestTimeout(Duration timeout) {
        return new ClientConfig(server, bearerToken, certificateAuthorityPem, defaultNamespace, timeout,
                connectTimeout, maxRequestsInFlight);
    }

    public ClientConfig withConnectTimeout(Duration timeout) {
        return new ClientConfig(server, bearerToken, certificateAuthorityPem, defaultNamespace, requestTimeout,
                timeout, maxRequestsInFlight);
    }

    public ClientConfig withMaxRequestsInFlight(int max) {
        return new ClientConfig(server, bearerToken, certificateAuthorityPem, defaultNamespace, requestTimeout,
                connectTimeout, max);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ClientConfig[server=" + server + ", token=" + (bearerToken == null ? "none" : "<redacted>")
                + ", ca=" + (certificateAuthorityPem == null ? "jdk default" : "custom") + ", namespace="
                + defaultNamespace + ", requestTimeout=" + requestTimeout + ", connectTimeout=" + connectTimeout
                + ", maxRequestsInFlight=" + maxRequestsInFlight + "]";
    }

    private static Duration positive(Duration d, Duration dflt, String name) {
        if (d == null) {
            return dflt;
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}
