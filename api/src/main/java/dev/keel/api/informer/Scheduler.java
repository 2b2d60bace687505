package dev.keel.api.informer;

import java.time.Duration;

/**
 * Runs a task after a delay: the informer's clock for relist backoff and resync. Injected, so a test can
 * decide when time passes.
 */
public interface Scheduler {
    /** Runs {@code task} once after {@code delay} (at once for zero). */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that has not run yet can be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
