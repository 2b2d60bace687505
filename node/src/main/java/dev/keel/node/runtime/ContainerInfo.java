package dev.keel.node.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * What a runtime knows about one container instance.
 *
 * @param id        the runtime's id of the instance
 * @param key       the pod and container it belongs to
 * @param attempt   the instance number ({@link ContainerSpec#attempt()})
 * @param image     as given when it was run
 * @param startedAt when it was started
 * @param state     running, or exited with an exit code
 */
public record ContainerInfo(ContainerId id, ContainerKey key, int attempt, String image, Instant startedAt,
                            RuntimeState state) {
    public ContainerInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(state, "state");
    }

    public boolean running() {
        return state instanceof RuntimeState.Running;
    }

    public ContainerInfo withState(RuntimeState state) {
        return new ContainerInfo(id, key, attempt, image, startedAt, state);
    }
}
