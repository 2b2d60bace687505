package dev.keel.api.client;

import dev.keel.api.codec.KubeCodec;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@link Call}s with the client's credentials and limits, and turns every failure into an
 * {@link ApiException}. A request's future completes within its timeout, counted from the moment it is queued
 * for an in-flight slot until its body has been read. Thread-safe.
 *
 * <p>Requests and watch streams go over {@link NettyExchanges}; results and events are handed over on the client's
 * own threads.
 */
final class HttpTransport {
    private final NettyExchanges exchanges;
    private final URI server;
    /** The server URL's path ("" for most), in front of every request's path. */
    private final String basePath;
    private final String authorization;
    private final InFlightLimit limit;
    private final KubeCodec codec;

    HttpTransport(NettyExchanges exchanges, ClientConfig config, KubeCodec codec) {
        this.exchanges = exchanges;
        String s = config.server().toString();
        this.server = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.basePath = server.getRawPath() == null ? "" : server.getRawPath();
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
        String[] headers = headers(call);
        CompletableFuture<NettyExchanges.Response> out = new CompletableFuture<>();
        limit.run(() -> exchanges.send(call.method(), basePath + call.pathAndQuery(), headers, call.body()), out);
        return out.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).handle((resp, err) -> {
            if (err != null) {
                throw StatusErrors.translate(request, err, timeout);
            }
            if (resp.status() / 100 != 2) {
                throw StatusErrors.fromResponse(codec, request, resp.status(), resp.body());
            }
            return resp.body();
        });
    }

    private String[] headers(Call call) {
        List<String> h = new ArrayList<>(8);
        h.add("Accept");
        h.add(Call.JSON);
        h.add("User-Agent");
        h.add("keel-client");
        if (authorization != null) {
            h.add("Authorization");
            h.add(authorization);
        }
        if (call.body() != null) {
            h.add("Content-Type");
            h.add(call.contentType() == null ? Call.JSON : call.contentType());
        }
        return h.toArray(String[]::new);
    }

    /** Opens a watch stream; see {@link WatchStream} for its lifetime. Watches do not take in-flight slots. */
    <T extends dev.keel.api.meta.KubeObject> WatchStream<T> watch(Call call, Class<T> type, WatchListener<T> listener,
                                                                   Duration deadline) {
        WatchStream<T> stream = new WatchStream<>(call.toString(), type, codec, listener);
        stream.open(exchanges, call.method(), basePath + call.pathAndQuery(), headers(call), deadline);
        return stream;
    }

    void close() {
        limit.close();
        exchanges.close();
    }
}
