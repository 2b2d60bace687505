package dev.keel.controllers.scheduler;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A typed key into the {@link CycleState}. Each plugin declares its own constant (name prefixed with the plugin's
 * name), so that plugins cannot read each other's data by accident. Keys are compared by identity: two constants
 * with the same name are still two keys.
 *
 * <p>Each key gets a small index, unique in the process, at construction; a cycle state keeps its values in an
 * array at these indices, so that a read (per node and plugin of every cycle) is an array load, not a hash lookup.
 * Keys are meant to be {@code static final} constants: a key made per cycle would make every later cycle state
 * larger (up to {@link #MAX_INDEXED_KEYS}; keys past that are kept in a map).
 */
public final class StateKey<T> {
    /** Keys with an index at or above this are kept in the cycle state's map (a bound on its array). */
    static final int MAX_INDEXED_KEYS = 256;
    /**
     * The next index. Static mutable state, against the style guide, for a reason: the keys are static constants
     * of the plugin classes, made before any framework exists, and an index must be unique among all of them. It
     * only counts up, and nothing reads it but {@link #indexedKeys()}.
     */
    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();

    private final String name;
    private final Class<T> type;
    private final int index;

    public StateKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.index = NEXT_INDEX.getAndIncrement();
    }

    /** How many array slots a cycle state made now needs: the keys made so far, at most {@link #MAX_INDEXED_KEYS}. */
    static int indexedKeys() {
        return Math.min(NEXT_INDEX.get(), MAX_INDEXED_KEYS);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    /** This key's slot in a cycle state's array (when below that array's length). */
    int index() {
        return index;
    }

    @Override
    public String toString() {
        return "StateKey[" + name + ", " + type.getSimpleName() + "]";
    }
}
