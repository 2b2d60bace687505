package dev.keel.controllers.scheduler;

import dev.keel.api.core.Pod;

import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Data that lives for one scheduling cycle (one pod): pre-filter and pre-score plugins write it, filters and
 * scorers read it back, so that the work per pod is done once and not once per node.
 *
 * <p>Values sit in an array at their key's {@link StateKey#index() index}; a key made after this state (so beyond
 * the array) is kept in a map instead, with the same behaviour. Thread-safe, so that filters may later run in
 * parallel over nodes: the array is an {@link AtomicReferenceArray} and the map a concurrent one.
 *
 * <p>The framework also records here which plugins asked, with {@link Status#skip()}, not to be called at the
 * filter or score step. It writes these before that step starts and only reads them during it.
 */
public final class CycleState {
    private final AtomicReferenceArray<Object> values = new AtomicReferenceArray<>(StateKey.indexedKeys());
    /** Values of keys whose index is beyond {@link #values}. */
    private final ConcurrentHashMap<StateKey<?>, Object> overflow = new ConcurrentHashMap<>();
    /** Names of plugins whose pre-filter returned skip; framework-only, written before filtering. */
    private final Set<String> skippedFilters = new HashSet<>();
    /** Names of plugins whose pre-score returned skip; framework-only, written before scoring. */
    private final Set<String> skippedScores = new HashSet<>();

    /** Stores {@code value} (not null) under {@code key}, replacing what was there. */
    public <T> void write(StateKey<T> key, T value) {
        Object checked = key.type().cast(Objects.requireNonNull(value, () -> "value for " + key));
        int i = key.index();
        if (i < values.length()) {
            values.set(i, checked);
        } else {
            overflow.put(key, checked);
        }
    }

    public <T> Optional<T> read(StateKey<T> key) {
        int i = key.index();
        Object present = i < values.length() ? values.get(i) : overflow.get(key);
        return Optional.ofNullable(key.type().cast(present));
    }

    /**
     * The value under {@code key}, computed from {@code pod} now and stored if no pre-step wrote it (so that a
     * filter called on its own, as in a unit test or by a later extension point, behaves as within a full cycle).
     * Under a race two threads may both compute; one result is kept and both get that one. Pass a method
     * reference or a lambda that captures nothing, so that the common case (the value is there) allocates nothing.
     *
     * <p>Filters and scorers call this per node: the common case is kept small enough for the JIT to inline it
     * (C1 too), and the cast is unchecked because {@link #write} and {@link #computeAndStore} checked the type.
     */
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(StateKey<T> key, Pod pod, Function<? super Pod, ? extends T> compute) {
        Object present = indexed(key.index());
        return present != null ? (T) present : computeAndStore(key, pod, compute);
    }

    /** The value at {@code index} of the array; null if none, or if the key's value lives in the map. */
    private Object indexed(int index) {
        return index < values.length() ? values.get(index) : null;
    }

    private <T> T computeAndStore(StateKey<T> key, Pod pod, Function<? super Pod, ? extends T> compute) {
        int i = key.index();
        if (i >= values.length()) {
            return key.type().cast(overflow.computeIfAbsent(key, k -> compute.apply(pod)));
        }
        Object computed = key.type().cast(Objects.requireNonNull(compute.apply(pod), () -> "computed " + key));
        Object witness = values.compareAndExchange(i, null, computed);
        return key.type().cast(witness == null ? computed : witness);
    }

    void skipFilter(String plugin) {
        skippedFilters.add(plugin);
    }

    boolean skipsFilter(String plugin) {
        return skippedFilters.contains(plugin);
    }

    boolean skipsAnyFilter() {
        return !skippedFilters.isEmpty();
    }

    void skipScore(String plugin) {
        skippedScores.add(plugin);
    }

    boolean skipsScore(String plugin) {
        return skippedScores.contains(plugin);
    }
}
