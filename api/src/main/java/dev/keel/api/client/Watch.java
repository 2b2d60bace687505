package dev.keel.api.client;

import java.util.concurrent.CompletableFuture;

/**
 * An open watch stream. It ends once, with one {@link WatchEnd}: the server closed it, it was cancelled, or it
 * failed. Resuming after an end (from the last resourceVersion seen, or by listing again after a 410) is the
 * caller's job; informers do it.
 */
public interface Watch {
    /** Stops the stream and closes its connection; idempotent. The end is {@link WatchEnd.Cancelled} unless it had already ended. */
    void cancel();

    /** Completes (never exceptionally) when the stream has ended, after {@link WatchListener#onClose}. */
    CompletableFuture<WatchEnd> ended();
}
