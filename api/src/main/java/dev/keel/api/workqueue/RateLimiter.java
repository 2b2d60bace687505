package dev.keel.api.workqueue;

import java.time.Duration;

/** Decides how long an item waits before it is retried. Implementations are thread-safe. */
public interface RateLimiter<T> {
    /** The delay before the next retry of {@code item}; each call counts as one more failure. */
    Duration when(T item);

    /** Forgets the failures of {@code item} (call after it succeeded). */
    void forget(T item);

    /** How many times {@link #when} was called for {@code item} since it was last forgotten. */
    int numRequeues(T item);
}
