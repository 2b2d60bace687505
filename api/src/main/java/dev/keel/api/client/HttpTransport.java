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
        limit.run(() -> blockingSend(req), out);
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

    /**
     * Starts a blocking send on one of the client's threads. Aborting interrupts that thread, which makes the JDK
     * client cancel the exchange and close its connection; the result completes when the send has returned.
     */
    private InFlightLimit.Attempt<HttpResponse<byte[]>> blockingSend(HttpRequest req) {
        BlockingSend send = new BlockingSend(req);
        executor.execute(send);
        return new InFlightLimit.Attempt<>(send.result, send::abort);
    }

    /** One request on a thread of the client's pool; {@link #abort} from any thread. */
    private final class BlockingSend implements Runnable {
        private final HttpRequest req;
        private final CompletableFuture<HttpResponse<byte[]>> result = new CompletableFuture<>();
        /** Guards {@code sender} and {@code aborted}. */
        private final Object lock = new Object();
        private Thread sender;
        private boolean aborted;

        BlockingSend(HttpRequest req) {
            this.req = req;
        }

        @Override
        public void run() {
            synchronized (lock) {
                if (aborted) {
                    result.completeExceptionally(new CancellationException("the request was given up"));
                    return;
                }
                sender = Thread.currentThread();
            }
            try {
                result.complete(http.send(req, HttpResponse.BodyHandlers.ofByteArray()));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            } catch (InterruptedException e) {
                result.completeExceptionally(new CancellationException("the request was given up"));
            } finally {
                synchronized (lock) {
                    sender = null;
                    Thread.interrupted(); // an abort that came as the send returned must not reach the pool's next task
                }
            }
        }

        void abort() {
            synchronized (lock) {
                aborted = true;
                if (sender != null) {
                    sender.interrupt();
                }
            }
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
