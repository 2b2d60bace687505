package dev.keel.api.workqueue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A de-duplicating work queue with delayed adds, as controllers use it (client-go's workqueue).
 *
 * <p>Guarantees: an item is queued at most once however often it is added ({@code dirty}); an item is handed to at
 * most one worker at a time ({@code processing}): if it is added while a worker holds it, it is queued again only
 * when that worker calls {@link #done}. Items come out in the order they were first added.
 *
 * <p>Delays ({@link #addAfter}) follow the injected {@link Ticker}; the timeouts of {@link #get} are real time.
 * A delayed item becomes ready when the ticker reaches its time and is moved to the queue by the next
 * {@code get}, {@code add} or {@code addAfter}. Adding an item that is already waiting keeps the earlier time.
 *
 * <p>Thread-safe. After {@link #shutDown()} adds are ignored and {@code get} returns the items still queued, then
 * empty.
 */
public final class WorkQueue<T> {
    private final Ticker ticker;
    /** Guards every field below; nothing else is locked while it is held. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    /** Items that need processing: queued, or added again while being processed. */
    private final Set<T> dirty = new HashSet<>();
    /** Items a worker holds between get and done. */
    private final Set<T> processing = new HashSet<>();
    private final PriorityQueue<Waiting<T>> waiting = new PriorityQueue<>();
    private final Map<T, Waiting<T>> waitingByItem = new HashMap<>();
    private long sequence;
    private boolean shuttingDown;

    public WorkQueue(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** Marks {@code item} as needing processing. */
    public void add(T item) {
        Objects.requireNonNull(item, "item");
        lock.lock();
        try {
            promoteReadyLocked();
            addLocked(item);
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code item} once {@code delay} has passed on the ticker (at once for a zero or negative delay). */
    public void addAfter(T item, Duration delay) {
        Objects.requireNonNull(item, "item");
        lock.lock();
        try {
            if (shuttingDown) {
                return;
            }
            if (delay.isZero() || delay.isNegative()) {
                addLocked(item);
                return;
            }
            long readyAt = ticker.nanoTime() + delay.toNanos();
            Waiting<T> existing = waitingByItem.get(item);
            if (existing != null) {
                if (existing.readyAt <= readyAt) {
                    return;
                }
                waiting.remove(existing);
            }
            Waiting<T> w = new Waiting<>(item, readyAt, sequence++);
            waiting.add(w);
            waitingByItem.put(item, w);
            promoteReadyLocked();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the next item, waiting up to {@code timeout} for one. The caller must call {@link #done} with it.
     *
     * @return the item, or empty on timeout or when the queue is shut down and drained
     */
    public Optional<T> get(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        long deadline = System.nanoTime() + remaining;
        lock.lock();
        try {
            while (true) {
                promoteReadyLocked();
                if (!queue.isEmpty()) {
                    T item = queue.poll();
                    processing.add(item);
                    dirty.remove(item);
                    return Optional.of(item);
                }
                if (shuttingDown || remaining <= 0) {
                    return Optional.empty();
                }
                long wait = remaining;
                Waiting<T> next = waiting.peek();
                if (next != null) {
                    wait = Math.max(1, Math.min(wait, next.readyAt - ticker.nanoTime()));
                }
                changed.awaitNanos(wait);
                remaining = deadline - System.nanoTime();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends processing of {@code item}; if it was added meanwhile, it is queued again. */
    public void done(T item) {
        lock.lock();
        try {
            if (!processing.remove(item)) {
                throw new IllegalStateException("done(" + item + ") for an item that is not being processed");
            }
            if (dirty.contains(item)) {
                queue.add(item);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting items; workers drain what is queued and then get empty. Idempotent. */
    public void shutDown() {
        lock.lock();
        try {
            shuttingDown = true;
            waiting.clear();
            waitingByItem.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Shuts down, then waits up to {@code timeout} until every item handed out has been marked done.
     *
     * @return true if processing finished in time
     */
    public boolean shutDownWithDrain(Duration timeout) throws InterruptedException {
        shutDown();
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!processing.isEmpty() || !queue.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.await(left, TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public boolean isShuttingDown() {
        lock.lock();
        try {
            return shuttingDown;
        } finally {
            lock.unlock();
        }
    }

    /** The number of items ready to be handed out (not counting delayed ones or those being processed). */
    public int length() {
        lock.lock();
        try {
            promoteReadyLocked();
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void addLocked(T item) {
        if (shuttingDown || !dirty.add(item)) {
            return;
        }
        if (!processing.contains(item)) {
            queue.add(item);
            changed.signalAll();
        }
    }

    private void promoteReadyLocked() {
        long now = ticker.nanoTime();
        while (!waiting.isEmpty() && waiting.peek().readyAt - now <= 0) {
            Waiting<T> w = waiting.poll();
            waitingByItem.remove(w.item);
            addLocked(w.item);
        }
    }

    /** An item waiting until {@code readyAt}; ties keep insertion order. */
    private record Waiting<T>(T item, long readyAt, long seq) implements Comparable<Waiting<T>> {
        @Override
        public int compareTo(Waiting<T> o) {
            int c = Long.compare(readyAt - o.readyAt, 0);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
