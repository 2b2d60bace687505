package dev.keel.node;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits for conditions that have no event to wait on (state in the API, processes in /proc). */
final class Await {
    static final Duration DEFAULT = Duration.ofSeconds(30);

    private Await() {
    }

    static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            pause();
        }
    }

    static <T> T value(String what, Supplier<Optional<T>> probe) {
        return value(what, DEFAULT, probe);
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    /** Waits until {@code actual} gives {@code expected}; the failure shows the last value seen. */
    static <T> void equal(String what, T expected, Supplier<T> actual) {
        Object[] last = new Object[1];
        try {
            until(what, () -> {
                last[0] = actual.get();
                return expected.equals(last[0]);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": expected <" + expected + "> but the last value was <" + last[0]
                    + ">");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50); // polling interval of a bounded wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
