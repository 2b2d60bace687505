package dev.keel.controllers.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits for conditions observed through the apiserver (no event to wait on from outside a controller). */
public final class Awaits {
    private Awaits() {
    }

    /** Polls {@code condition} every 50 ms until true; fails with {@code what} and the last state after {@code max}. */
    public static void await(String what, Duration max, BooleanSupplier condition) {
        await(what, max, condition, () -> "");
    }

    public static void await(String what, Duration max, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // e.g. a 404 while the object is not there yet: keep polling
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + max + ": " + what + " " + state.get());
            }
            try {
                Thread.sleep(50); // polling apiserver state: there is nothing to block on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
