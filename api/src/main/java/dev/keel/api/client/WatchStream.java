package dev.keel.api.client;

import dev.keel.api.codec.DecodeException;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.WatchEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code ?watch=true} stream: a 200 response whose body is newline-separated JSON watch events, split into lines
 * as bytes (each decoded by Jackson straight from its UTF-8, never turned into a String) with backpressure: the next
 * buffers are requested only once every line of the previous ones was handled, so a slow listener slows the socket,
 * not the heap. A non-200 answer is decoded as a Status and ends the stream as {@link WatchEnd.Failed}.
 *
 * <p>Cancelling cancels the body subscription, which makes the JDK client close the connection.
 */
final class WatchStream<T extends KubeObject> implements Watch, Flow.Subscriber<List<ByteBuffer>> {
    private static final Logger log = LoggerFactory.getLogger(WatchStream.class);
    private static final byte[] NONE = new byte[0];

    private final String request;
    private final Class<T> type;
    private final KubeCodec codec;
    private final WatchListener<T> listener;
    private final CompletableFuture<WatchEnd> ended = new CompletableFuture<>();
    /** Set once, before the listener's onClose; no event is delivered after it is set. */
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Completed when the stream ends; its timeout is the client-side deadline. */
    private final CompletableFuture<Void> deadline = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile CompletableFuture<HttpResponse<byte[]>> exchange;
    private volatile boolean cancelled;
    /** The start of a line whose end has not arrived yet; touched only by the subscriber's (sequential) signals. */
    private byte[] partial = NONE;
    private int partialLength;

    WatchStream(String request, Class<T> type, KubeCodec codec, WatchListener<T> listener) {
        this.request = request;
        this.type = type;
        this.codec = codec;
        this.listener = listener;
    }

    void open(HttpClient http, HttpRequest req, Duration limit) {
        HttpResponse.BodyHandler<byte[]> handler = info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.fromSubscriber(this, s -> NONE)
                : HttpResponse.BodySubscribers.ofByteArray();
        CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(req, handler);
        exchange = f;
        f.whenComplete((resp, err) -> {
            if (err != null) {
                finish(cancelled ? new WatchEnd.Cancelled()
                        : new WatchEnd.Failed(asApi(StatusErrors.translate(request, err, limit))));
            } else if (resp.statusCode() != 200) {
                finish(new WatchEnd.Failed(StatusErrors.fromResponse(codec, request, resp.statusCode(), resp.body())));
            } else {
                finish(new WatchEnd.Finished());
            }
        });
        if (limit != null) {
            deadline.orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS).whenComplete((v, e) -> {
                if (e instanceof TimeoutException) {
                    finish(new WatchEnd.Failed(new TransientException(request, 0, "Timeout",
                            "the watch stream was still open after " + limit, null, e)));
                    stop();
                }
            });
        }
        if (cancelled) {
            stop();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        finish(new WatchEnd.Cancelled());
        stop();
    }

    @Override
    public CompletableFuture<WatchEnd> ended() {
        return ended;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (finished.get()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        Flow.Subscription s = subscription;
        for (ByteBuffer b : buffers) {
            byte[] chunk = new byte[b.remaining()]; // one bulk copy, then plain array scans
            b.get(chunk);
            int from = 0;
            while (from < chunk.length) {
                if (finished.get()) {
                    s.cancel();
                    return;
                }
                int newline = indexOf(chunk, from, (byte) '\n');
                if (newline < 0) {
                    keep(chunk, from, chunk.length);
                    break;
                }
                if (!line(lineBytes(chunk, from, newline))) {
                    s.cancel();
                    return;
                }
                from = newline + 1;
            }
        }
        s.request(1);
    }

    /** Delivers one line's event; false when the line was malformed and the stream has ended. */
    private boolean line(byte[] line) {
        if (blank(line)) {
            return true;
        }
        WatchEvent<T> event;
        try {
            event = codec.decodeWatchEvent(line, type);
        } catch (DecodeException e) {
            finish(new WatchEnd.Failed(new MalformedResponseException(request, 200,
                    "bad watch event: " + e.getMessage(), e)));
            return false;
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.warn("{}: watch listener failed on a {} event; the stream goes on", request, event.type(), e);
        }
        return true;
    }

    /** The bytes of {@code chunk[from, to)} after what an earlier buffer left of the line (which is then cleared). */
    private byte[] lineBytes(byte[] chunk, int from, int to) {
        if (partialLength == 0) {
            return Arrays.copyOfRange(chunk, from, to);
        }
        byte[] line = new byte[partialLength + to - from];
        System.arraycopy(partial, 0, line, 0, partialLength);
        System.arraycopy(chunk, from, line, partialLength, to - from);
        partial = NONE;
        partialLength = 0;
        return line;
    }

    private void keep(byte[] chunk, int from, int to) {
        int n = to - from;
        if (partialLength + n > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(partialLength + n, partial.length * 2));
        }
        System.arraycopy(chunk, from, partial, partialLength, n);
        partialLength += n;
    }

    private static int indexOf(byte[] bytes, int from, byte value) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean blank(byte[] line) {
        for (byte c : line) {
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onError(Throwable t) {
        finish(cancelled ? new WatchEnd.Cancelled()
                : new WatchEnd.Failed(asApi(StatusErrors.translate(request, t, null))));
    }

    @Override
    public void onComplete() {
        if (partialLength > 0 && !finished.get() && !line(Arrays.copyOf(partial, partialLength))) {
            return; // a last line without its newline is still a line
        }
        finish(new WatchEnd.Finished());
    }

    private void stop() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        CompletableFuture<HttpResponse<byte[]>> f = exchange;
        if (f != null) {
            f.cancel(true);
        }
    }

    private void finish(WatchEnd end) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        deadline.complete(null);
        try {
            listener.onClose(end);
        } catch (RuntimeException e) {
            log.warn("{}: watch listener failed in onClose({})", request, end, e);
        }
        ended.complete(end);
    }

    private ApiException asApi(RuntimeException e) {
        return e instanceof ApiException a ? a
                : new TransientException(request, 0, "ConnectionFailed", String.valueOf(e.getMessage()), null, e);
    }
}
