package dev.keel.api.client;

import dev.keel.api.codec.KubeCodec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@link Call}s with the client's credentials and limits, and turns every failure into an
 * {@link ApiException}. A request's future completes within its timeout, counted from the moment it is queued
 * for an in-flight slot until its body has been read. Thread-safe.
 *
 * <p>A request runs as a blocking {@link HttpClient#send} on the client's own threads, not as
 * {@link HttpClient#sendAsync}: the JDK completes every {@code sendAsync} future on the
 * CompletableFuture default executor, which on a machine of one or two cores is a new thread per
 * task (the common pool has parallelism 1 there), that is a thread started and ended per response.
 */
final class HttpTransport {
    private final HttpClient http;
    private final URI server;
    private final String authorization;
    private final InFlightLimit limit;
    private final KubeCodec codec;
    private final Executor executor;

    HttpTransport(HttpClient http, ClientConfig config, KubeCodec codec, Executor executor) {
        this.http = http;
        this.executor = executor;
        String s = config.server().toString();
        this.server = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.authorization = config.token().map(t -> "Bearer " + t).orElse(null);
        this.limit = new InFlightLimit(config.maxRequestsInFlight());
        this.codec = codec;
    }

    KubeCodec codec() {
        return codec;
    }

    /** The body of the 2xx answer to {@code call}, or a failed future with an {@link ApiException}. */
    CompletableFuture<byte[]> send(Call call, Duration timeout) {
        String request = call.toString();
        HttpRequest req = request(call).timeout(timeout).build();
        CompletableFuture<HttpResponse<byte[]>> out = new CompletableFuture<>();
        limit.run(() -> CompletableFuture.supplyAsync(() -> blockingSend(req), executor), out);
        return out.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).handle((resp, err) -> {
            if (err != null) {
                throw StatusErrors.translate(request, err, timeout);
            }
            if (resp.statusCode() / 100 != 2) {
                throw StatusErrors.fromResponse(codec, request, resp.statusCode(), resp.body());
            }
            return resp.body();
        });
    }

    private HttpResponse<byte[]> blockingSend(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CompletionException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted: the client is closing");
        }
    }

    /** Opens a watch stream; see {@link WatchStream} for its lifetime. Watches do not take in-flight slots. */
    <T extends dev.keel.api.meta.KubeObject> WatchStream<T> watch(Call call, Class<T> type, WatchListener<T> listener,
                                                                   Duration deadline) {
        WatchStream<T> stream = new WatchStream<>(call.toString(), type, codec, listener);
        stream.open(http, request(call).build(), deadline);
        return stream;
    }

    void close() {
        limit.close();
    }

    private HttpRequest.Builder request(Call call) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + call.pathAndQuery()))
                .header("Accept", Call.JSON)
                .header("User-Agent", "keel-client");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (call.body() != null) {
            b.header("Content-Type", call.contentType() == null ? Call.JSON : call.contentType());
            b.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        } else {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return b;
    }
}
