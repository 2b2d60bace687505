package dev.keel.api.client;

import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.WatchEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Records a watch's events; waits are bounded. */
final class RecordingListener<T extends KubeObject> implements WatchListener<T> {
    private final List<WatchEvent<T>> events = new ArrayList<>();
    final CompletableFuture<WatchEnd> closed = new CompletableFuture<>();

    @Override
    public synchronized void onEvent(WatchEvent<T> event) {
        events.add(event);
        notifyAll();
    }

    @Override
    public void onClose(WatchEnd end) {
        closed.complete(end);
    }

    synchronized List<WatchEvent<T>> awaitEvents(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + n + " events within " + timeout + ", got " + events);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(events);
    }

    WatchEnd awaitEnd(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
