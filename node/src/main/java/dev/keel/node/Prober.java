package dev.keel.node;

import dev.keel.api.core.Container;
import dev.keel.api.core.Pod;
import dev.keel.node.runtime.ContainerId;

/**
 * Where the node agent tells the probe workers which container instances to probe. The prober reports back
 * through {@link NodeAgent#probeResult}. Until a prober is attached ({@link NodeAgent#attachProber}), probes are
 * not run and every container is ready (and started) while it runs, whatever probes its spec has.
 */
public interface Prober {
    /** No probes run. */
    Prober NONE = new Prober() {
        @Override
        public void containerStarted(Pod pod, Container container, ContainerId id) {
        }

        @Override
        public void containerStopped(ContainerId id) {
        }
    };

    /** An instance of {@code container} started: start its probes (those the container spec has). Must not block. */
    void containerStarted(Pod pod, Container container, ContainerId id);

    /** The instance is gone (exited, stopped or the pod left): stop its probes. Must not block. */
    void containerStopped(ContainerId id);
}
