package dev.keel.controllers.scheduler;

import dev.keel.api.core.Pod;

import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Data that lives for one scheduling cycle (one pod): pre-filter and pre-score plugins write it, filters and
 * scorers read it back, so that the work per pod is done once and not once per node.
 *
 * <p>Values written with {@link #write} sit in a plain array at their key's {@link StateKey#index() index}, so that
 * the per-node read is an array load (an atomic array costs a runtime type check per read under C1). A key made
 * after this state (so beyond the array) is kept in a concurrent map instead, as are values that
 * {@link #computeIfAbsent} had to compute.
 *
 * <p>Threads: {@link #write} belongs to the pre-steps, which the framework runs on its own thread before the step
 * that reads the values; a step that runs on other threads (filters in parallel over nodes, later) gets them with
 * its hand-off to those threads. Reads and {@link #computeIfAbsent} are thread-safe during a step.
 *
 * <p>The framework also records here which plugins asked, with {@link Status#skip()}, not to be called at the
 * filter or score step. It writes these before that step starts and only reads them during it.
 */
public final class CycleState {
    /** Values written by the pre-steps, at their key's index; see the class comment on threads. */
    private final Object[] values = new Object[StateKey.indexedKeys()];
    /** Values of keys whose index is beyond {@link #values}, and values computed by {@link #computeIfAbsent}. */
    private final ConcurrentHashMap<StateKey<?>, Object> computed = new ConcurrentHashMap<>();
    /** Names of plugins whose pre-filter returned skip; framework-only, written before filtering. */
    private final Set<String> skippedFilters = new HashSet<>();
    /** Names of plugins whose pre-score returned skip; framework-only, written before scoring. */
    private final Set<String> skippedScores = new HashSet<>();

    /** Stores {@code value} (not null) under {@code key}, replacing what was there. For pre-steps (see above). */
    public <T> void write(StateKey<T> key, T value) {
        Object checked = key.type().cast(Objects.requireNonNull(value, () -> "value for " + key));
        int i = key.index();
        if (i < values.length) {
            values[i] = checked;
        } else {
            computed.put(key, checked);
        }
    }

    public <T> Optional<T> read(StateKey<T> key) {
        Object present = written(key.index());
        return Optional.ofNullable(key.type().cast(present != null ? present : computed.get(key)));
    }

    /**
     * The value under {@code key}, computed from {@code pod} now and kept if no pre-step wrote it (so that a
     * filter called on its own, as in a unit test or by a later extension point, behaves as within a full cycle).
     * Computed at most once, also when threads race. Pass a method reference or a lambda that captures nothing,
     * so that the common case (the value is there) allocates nothing.
     *
     * <p>Filters and scorers call this per node: the common case is kept small enough for the JIT to inline it
     * (C1 too), and its cast is unchecked because {@link #write} checked the type.
     */
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(StateKey<T> key, Pod pod, Function<? super Pod, ? extends T> compute) {
        Object present = written(key.index());
        return present != null ? (T) present : computeOnce(key, pod, compute);
    }

    /** The value {@link #write} put at {@code index}; null if none, or if the index is beyond the array. */
    private Object written(int index) {
        return index < values.length ? values[index] : null;
    }

    private <T> T computeOnce(StateKey<T> key, Pod pod, Function<? super Pod, ? extends T> compute) {
        return key.type().cast(computed.computeIfAbsent(key,
                k -> key.type().cast(Objects.requireNonNull(compute.apply(pod), () -> "computed " + key))));
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
