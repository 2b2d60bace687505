package dev.keel.api.workqueue;

/** A monotonic time source in nanoseconds, injected so that tests control delays. */
@FunctionalInterface
public interface Ticker {
    long nanoTime();

    static Ticker system() {
        return System::nanoTime;
    }
}
