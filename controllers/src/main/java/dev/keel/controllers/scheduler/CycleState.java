package dev.keel.controllers.scheduler;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Data that lives for one scheduling cycle (one pod): pre-filter and pre-score plugins write it, filters and
 * scorers read it back, so that the work per pod is done once and not once per node. Thread-safe, so that filters
 * may later run in parallel over nodes.
 */
public final class CycleState {
    private final ConcurrentHashMap<StateKey<?>, Object> data = new ConcurrentHashMap<>();

    public <T> void write(StateKey<T> key, T value) {
        data.put(key, key.type().cast(value));
    }

    public <T> Optional<T> read(StateKey<T> key) {
        return Optional.ofNullable(data.get(key)).map(key.type()::cast);
    }

    /**
     * The value under {@code key}, computed now if no pre-step wrote it (so that a filter called on its own, as
     * in a unit test or by a later extension point, behaves as within a full cycle).
     */
    public <T> T computeIfAbsent(StateKey<T> key, Supplier<? extends T> compute) {
        Object present = data.get(key); // the common case, per node of a cycle: no lock, no lambda
        return key.type().cast(present != null ? present : data.computeIfAbsent(key, k -> compute.get()));
    }
}
