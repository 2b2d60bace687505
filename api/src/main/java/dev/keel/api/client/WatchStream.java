package dev.keel.api.client;

import dev.keel.api.codec.DecodeException;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.WatchEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code ?watch=true} stream: a 200 response whose body is newline-separated JSON watch events, on a connection
 * of its own ({@link NettyExchanges#stream}). The body is split into lines as bytes, each decoded by Jackson straight
 * from its UTF-8, on the client's threads, one chunk at a time; while the listener is behind, the connection stops
 * reading, so a slow listener slows the socket, not the heap. A non-200 answer is decoded as a Status and ends the
 * stream as {@link WatchEnd.Failed}.
 *
 * <p>Cancelling closes the connection.
 */
final class WatchStream<T extends KubeObject> implements Watch, NettyExchanges.StreamSink {
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
    /** Closes the stream's connection; set once it is opened. */
    private volatile Runnable connection;
    private volatile boolean cancelled;
    private volatile Duration limit;
    /** The start of a line whose end has not arrived yet; touched only by the sink's (sequential) calls. */
    private byte[] partial = NONE;
    private int partialLength;

    WatchStream(String request, Class<T> type, KubeCodec codec, WatchListener<T> listener) {
        this.request = request;
        this.type = type;
        this.codec = codec;
        this.listener = listener;
    }

    void open(NettyExchanges exchanges, String method, String pathAndQuery, String[] headers, Duration limit) {
        this.limit = limit;
        connection = exchanges.stream(method, pathAndQuery, headers, this);
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
    public void body(byte[] chunk) {
        int from = 0;
        while (from < chunk.length) {
            if (finished.get()) {
                stop();
                return;
            }
            int newline = indexOf(chunk, from, (byte) '\n');
            if (newline < 0) {
                keep(chunk, from, chunk.length);
                return;
            }
            boolean delivered;
            if (partialLength == 0) { // the whole line is in this chunk: decoded where it lies
                delivered = line(chunk, from, newline - from);
            } else {
                byte[] line = lineBytes(chunk, from, newline);
                delivered = line(line, 0, line.length);
            }
            if (!delivered) {
                stop();
                return;
            }
            from = newline + 1;
        }
    }

    @Override
    public void end() {
        if (partialLength > 0 && !finished.get() && !line(partial, 0, partialLength)) {
            return; // a last line without its newline is still a line
        }
        finish(new WatchEnd.Finished());
    }

    @Override
    public void rejected(int status, byte[] body) {
        finish(new WatchEnd.Failed(StatusErrors.fromResponse(codec, request, status, body)));
    }

    @Override
    public void failed(IOException e) {
        finish(cancelled ? new WatchEnd.Cancelled()
                : new WatchEnd.Failed(asApi(StatusErrors.translate(request, e, limit))));
    }

    /** Delivers the event of the line at {@code bytes[from, from + length)}; false when it was malformed (ended). */
    private boolean line(byte[] bytes, int from, int length) {
        if (blank(bytes, from, length)) {
            return true;
        }
        WatchEvent<T> event;
        try {
            event = codec.decodeWatchEvent(bytes, from, length, type);
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

    /** The bytes of {@code chunk[from, to)} after what an earlier chunk left of the line (which is then cleared). */
    private byte[] lineBytes(byte[] chunk, int from, int to) {
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

    private static boolean blank(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            byte c = bytes[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private void stop() {
        Runnable c = connection;
        if (c != null) {
            c.run();
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
