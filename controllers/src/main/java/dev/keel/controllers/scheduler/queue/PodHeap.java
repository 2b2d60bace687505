package dev.keel.controllers.scheduler.queue;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Queued pods in an order, with removal by key in O(log n). Entries that compare equal are kept apart by insertion
 * sequence, so the order is total and stable. Not thread-safe: the {@link SchedulingQueue} lock guards it.
 */
final class PodHeap {
    /** A queued pod with its insertion sequence and the ticker time it becomes ready (0 when not relevant). */
    record Entry(QueuedPod info, long seq, long readyNanos) {
    }

    static final Comparator<Entry> BY_PRIORITY_THEN_AGE = Comparator
            .comparingInt((Entry e) -> -e.info().priority())
            .thenComparing(e -> e.info().createdOrMax())
            .thenComparingLong(Entry::seq);
    static final Comparator<Entry> BY_READY_TIME = Comparator
            .comparingLong(Entry::readyNanos).thenComparingLong(Entry::seq);

    private final TreeSet<Entry> entries;
    private final Map<String, Entry> byKey = new HashMap<>();
    private long sequence;

    PodHeap(Comparator<Entry> order) {
        this.entries = new TreeSet<>(order);
    }

    /** Adds {@code pod}, replacing a pod with the same key. */
    void push(QueuedPod pod, long readyNanos) {
        remove(pod.key());
        Entry e = new Entry(pod, sequence++, readyNanos);
        entries.add(e);
        byKey.put(pod.key(), e);
    }

    Optional<QueuedPod> remove(String key) {
        Entry e = byKey.remove(key);
        if (e == null) {
            return Optional.empty();
        }
        entries.remove(e);
        return Optional.of(e.info());
    }

    Optional<Entry> first() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.first());
    }

    Optional<QueuedPod> pollFirst() {
        Entry e = entries.pollFirst();
        if (e == null) {
            return Optional.empty();
        }
        byKey.remove(e.info().key());
        return Optional.of(e.info());
    }

    boolean contains(String key) {
        return byKey.containsKey(key);
    }

    Optional<Entry> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    int size() {
        return entries.size();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }
}
