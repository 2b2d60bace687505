package dev.keel.apiserver.http;

import java.util.concurrent.Executor;

/**
 * Where a streamed response writes. Thread-safe: {@link #send} and {@link #end} may be called from any thread; they
 * never block (writes are queued on the connection's event loop).
 */
public interface StreamSink {
    /**
     * Queues one chunk and flushes it.
     *
     * @return false when the connection is gone; the stream should stop
     */
    boolean send(byte[] chunk);

    /** Bytes queued but not yet written to the socket: a slow reader makes this grow. */
    long pendingBytes();

    /** Ends the response (the last chunk); further sends are ignored. Idempotent. */
    void end();

    /** Runs {@code action} once when the response ends or the connection closes, whichever comes first. */
    void onClose(Runnable action);

    /** The connection's event loop, for work that must be ordered with the writes. */
    Executor executor();
}
