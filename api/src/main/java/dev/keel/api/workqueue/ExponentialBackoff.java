package dev.keel.api.workqueue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-item exponential backoff: {@code base * 2^failures}, capped at {@code max}. With base 5 ms and max 1000 s
 * (client-go's defaults, {@link #defaults()}), the delays are 5 ms, 10 ms, 20 ms, ... 1000 s.
 */
public final class ExponentialBackoff<T> implements RateLimiter<T> {
    private final Duration base;
    private final Duration max;
    /** Failure counts by item; guarded by {@code this}. */
    private final Map<T, Integer> failures = new HashMap<>();

    public ExponentialBackoff(Duration base, Duration max) {
        this.base = Objects.requireNonNull(base, "base");
        this.max = Objects.requireNonNull(max, "max");
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max, got base " + base + ", max " + max);
        }
    }

    public static <T> ExponentialBackoff<T> defaults() {
        return new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
    }

    @Override
    public synchronized Duration when(T item) {
        int n = failures.merge(item, 1, Integer::sum) - 1;
        if (n >= 62) {
            return max;
        }
        long nanos = base.toNanos();
        long shifted = nanos << n;
        if (shifted >>> n != nanos || shifted < 0) {
            return max;
        }
        Duration d = Duration.ofNanos(shifted);
        return d.compareTo(max) > 0 ? max : d;
    }

    @Override
    public synchronized void forget(T item) {
        failures.remove(item);
    }

    @Override
    public synchronized int numRequeues(T item) {
        return failures.getOrDefault(item, 0);
    }
}
