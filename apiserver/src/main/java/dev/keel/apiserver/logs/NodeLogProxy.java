package dev.keel.apiserver.logs;

import dev.keel.api.meta.Status;
import dev.keel.apiserver.http.ApiResponse;
import dev.keel.apiserver.http.StreamSink;
import dev.keel.apiserver.status.ApiException;
import dev.keel.apiserver.status.Errors;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Streams a container log from a node agent's {@code /containerLogs} endpoint to the client of the
 * {@code pods/{name}/log} subresource. The node's answer status decides ours (400/404 with the agent's message);
 * a 200 body is passed on chunk by chunk as it arrives, so {@code kubectl logs -f} follows, and a slow client
 * holds back reading from the node (backpressure) rather than buffering without bound.
 *
 * <p>Owns the HTTP client's threads; closed by the apiserver.
 */
public final class NodeLogProxy implements AutoCloseable {
    /** Hold back the node while more than this is unsent to the client. */
    private static final long MAX_PENDING_BYTES = 1 << 20;
    private static final long PAUSE_MILLIS = 20;

    private final ExecutorService threads;
    private final HttpClient http;

    public NodeLogProxy(Duration connectTimeout) {
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "apiserver-logs-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .executor(threads).build();
    }

    /** Sends the request to the node; the future completes once the node has answered with its status. */
    public CompletableFuture<ApiResponse> proxy(URI uri, String node) {
        HttpRequest req = HttpRequest.newBuilder(uri).header("Accept", "text/plain").GET().build();
        HttpResponse.BodyHandler<Object> handler = info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofPublisher(), p -> (Object) p)
                : HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8),
                        s -> (Object) s);
        return http.sendAsync(req, handler).handle((resp, err) -> {
            if (err != null) {
                throw Errors.unavailable("cannot reach the node agent of node \"" + node + "\" at " + uri.getAuthority()
                        + ": " + Errors.unwrap(err));
            }
            if (resp.statusCode() != 200) {
                String message = String.valueOf(resp.body()).trim();
                int code = resp.statusCode() == 400 || resp.statusCode() == 404 ? resp.statusCode() : 503;
                String reason = code == 400 ? "BadRequest" : code == 404 ? "NotFound" : "ServiceUnavailable";
                throw new ApiException(Status.failure(code, reason, message.isEmpty()
                        ? "node agent of node \"" + node + "\" answered " + resp.statusCode() : message, null));
            }
            @SuppressWarnings("unchecked")
            Flow.Publisher<List<ByteBuffer>> body = (Flow.Publisher<List<ByteBuffer>>) resp.body();
            return new ApiResponse.Streamed("text/plain; charset=utf-8", sink -> body.subscribe(new Forwarder(sink)));
        });
    }

    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Copies the node's body to the client's sink, one buffer list at a time. */
    private static final class Forwarder implements Flow.Subscriber<List<ByteBuffer>> {
        private final StreamSink sink;
        private volatile Flow.Subscription subscription;

        Forwarder(StreamSink sink) {
            this.sink = sink;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            sink.onClose(s::cancel);
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            int size = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
            byte[] chunk = new byte[size];
            int at = 0;
            for (ByteBuffer b : buffers) {
                int n = b.remaining();
                b.get(chunk, at, n);
                at += n;
            }
            if (size > 0 && !sink.send(chunk)) {
                subscription.cancel();
                return;
            }
            requestWhenDrained();
        }

        private void requestWhenDrained() {
            if (sink.pendingBytes() <= MAX_PENDING_BYTES) {
                subscription.request(1);
            } else {
                CompletableFuture.delayedExecutor(PAUSE_MILLIS, TimeUnit.MILLISECONDS).execute(this::requestWhenDrained);
            }
        }

        @Override
        public void onError(Throwable t) {
            sink.end();
        }

        @Override
        public void onComplete() {
            sink.end();
        }
    }
}
