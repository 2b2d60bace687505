package dev.keel.controllers.scheduler;

import java.util.Objects;

/**
 * A typed key into the {@link CycleState}. Each plugin declares its own constant (name prefixed with the plugin's
 * name), so that plugins cannot read each other's data by accident. Keys are compared by identity: two constants
 * with the same name are still two keys, and a lookup (per node of every cycle) hashes nothing.
 */
public final class StateKey<T> {
    private final String name;
    private final Class<T> type;

    public StateKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return "StateKey[" + name + ", " + type.getSimpleName() + "]";
    }
}
