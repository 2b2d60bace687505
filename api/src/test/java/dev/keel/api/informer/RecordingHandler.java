package dev.keel.api.informer;

import dev.keel.api.core.Pod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records handler calls as {@code "ADD ns/name"}, {@code "UPDATE ns/name"}, {@code "DELETE ns/name"}, and counts
 * calls that overlapped another call (there must be none).
 */
final class RecordingHandler implements EventHandler<Pod> {
    private final List<String> events = new ArrayList<>();
    private final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger overlaps = new AtomicInteger();

    @Override
    public void onAdd(Pod p) {
        record("ADD " + p.metadata().key());
    }

    @Override
    public void onUpdate(Pod old, Pod now) {
        record((old == now ? "RESYNC " : "UPDATE ") + now.metadata().key());
    }

    @Override
    public void onDelete(Pod p) {
        record("DELETE " + p.metadata().key());
    }

    private void record(String e) {
        if (inside.incrementAndGet() != 1) {
            overlaps.incrementAndGet();
        }
        for (int i = 0; i < 2000; i++) {
            Thread.onSpinWait();
        }
        synchronized (this) {
            events.add(e);
            notifyAll();
        }
        inside.decrementAndGet();
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized List<String> awaitEvents(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + n + " handler calls within " + timeout + ", got " + events);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(events);
    }
}
