package dev.keel.controllers.scheduler;

import java.util.Objects;

/**
 * A typed key into the {@link CycleState}. Each plugin declares its own constant (name prefixed with the plugin's
 * name), so that plugins cannot read each other's data by accident.
 */
public record StateKey<T>(String name, Class<T> type) {
    public StateKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
