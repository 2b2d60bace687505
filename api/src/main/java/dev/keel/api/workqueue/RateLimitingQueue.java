package dev.keel.api.workqueue;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link WorkQueue} with per-item retry backoff. The controller loop:
 *
 * <pre>{@code
 *   Optional<String> key = queue.get(timeout);
 *   try {
 *       reconcile(key.get());
 *       queue.forget(key.get());          // success: reset the backoff
 *   } catch (TransientException e) {
 *       queue.addRateLimited(key.get());  // retry later
 *   } finally {
 *       queue.done(key.get());
 *   }
 * }</pre>
 */
public final class RateLimitingQueue<T> {
    private final WorkQueue<T> queue;
    private final RateLimiter<T> limiter;

    public RateLimitingQueue(Ticker ticker, RateLimiter<T> limiter) {
        this.queue = new WorkQueue<>(ticker);
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    public void add(T item) {
        queue.add(item);
    }

    public void addAfter(T item, Duration delay) {
        queue.addAfter(item, delay);
    }

    /** Adds {@code item} after the limiter's delay for it (one more failure). */
    public void addRateLimited(T item) {
        queue.addAfter(item, limiter.when(item));
    }

    /** Resets the backoff of {@code item}. */
    public void forget(T item) {
        limiter.forget(item);
    }

    public int numRequeues(T item) {
        return limiter.numRequeues(item);
    }

    public Optional<T> get(Duration timeout) throws InterruptedException {
        return queue.get(timeout);
    }

    public void done(T item) {
        queue.done(item);
    }

    public void shutDown() {
        queue.shutDown();
    }

    public boolean shutDownWithDrain(Duration timeout) throws InterruptedException {
        return queue.shutDownWithDrain(timeout);
    }

    public boolean isShuttingDown() {
        return queue.isShuttingDown();
    }

    public int length() {
        return queue.length();
    }
}
