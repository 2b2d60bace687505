package dev.keel.api.informer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/** A scheduler whose time moves only when the test calls {@link #advance}. */
final class ManualScheduler implements Scheduler {
    private record Task(long due, long seq, Runnable run) {
    }

    /** Guards every field. */
    private final Object lock = new Object();
    private final PriorityQueue<Task> tasks =
            new PriorityQueue<>(Comparator.comparingLong(Task::due).thenComparingLong(Task::seq));
    private long now;
    private long seq;

    @Override
    public Cancellable schedule(Duration delay, Runnable run) {
        Task t;
        synchronized (lock) {
            t = new Task(now + delay.toNanos(), seq++, run);
            tasks.add(t);
            lock.notifyAll();
        }
        return () -> {
            synchronized (lock) {
                tasks.remove(t);
            }
        };
    }

    /** Moves time forward and runs every task that became due, in due order, on the caller's thread. */
    void advance(Duration d) {
        List<Task> due = new ArrayList<>();
        synchronized (lock) {
            now += d.toNanos();
            while (!tasks.isEmpty() && tasks.peek().due() <= now) {
                due.add(tasks.poll());
            }
        }
        due.forEach(t -> t.run().run());
    }

    int pending() {
        synchronized (lock) {
            return tasks.size();
        }
    }

    /** Waits until at least {@code n} tasks are pending; false on timeout. */
    boolean awaitPending(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (tasks.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }
}
