package dev.keel.kvstore.check;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Bounds one search: a deadline on an injected nanosecond clock and a cap on memoised states. Linearizability
 * checking is NP-complete, so a history can always be found that takes too long; the search then says
 * "unknown" instead of hanging.
 *
 * @param clock a monotonic nanosecond clock, e.g. {@code System::nanoTime}
 * @param deadlineNanos the clock reading after which the search gives up
 * @param maxCacheEntries how many (linearized set, state) pairs the search may remember before it gives up
 */
record SearchBudget(LongSupplier clock, long deadlineNanos, int maxCacheEntries) {
    SearchBudget {
        Objects.requireNonNull(clock, "clock");
        if (maxCacheEntries <= 0) {
            throw new IllegalArgumentException("maxCacheEntries must be > 0, got " + maxCacheEntries);
        }
    }

    boolean expired() {
        return clock.getAsLong() - deadlineNanos > 0;
    }
}
