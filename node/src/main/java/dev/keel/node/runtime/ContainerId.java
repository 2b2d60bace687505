package dev.keel.node.runtime;

import java.util.Objects;

/**
 * A runtime's name for one container instance, as {@code status.containerStatuses[].containerID} shows it:
 * {@code process://<pid>} for the process runtime, {@code hollow://<n>} for the hollow one.
 */
public record ContainerId(String value) {
    public ContainerId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
