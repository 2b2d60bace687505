package dev.keel.node.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between the node agent and whatever runs containers (the role the Kubernetes CRI plays). The agent
 * decides what should run; a runtime only runs, stops, reports and forgets instances.
 *
 * <p>Instances are identified by {@link ContainerId}. An instance that has exited stays listed (with its exit
 * code) until {@link #remove}d, so that the agent can report {@code lastState} and decide on a restart. A runtime
 * whose instances outlive the agent (the process runtime) lists them again after a restart of the agent:
 * {@link #list()} is how the agent adopts them.
 *
 * <p>Thread-safe. Methods do not block for long: {@link #stop} returns a future.
 */
public interface ContainerRuntime extends AutoCloseable {

    /** Starts an instance; on failure nothing is left running and nothing is listed. */
    RunResult run(ContainerSpec spec);

    /**
     * Stops an instance: a polite signal (SIGTERM to the whole process group), then a forced kill (SIGKILL) once
     * {@code grace} has passed. Completes when the instance (and, for processes, its process group) is gone, with
     * its final state. An instance already exited completes at once; an unknown id completes with empty.
     */
    CompletableFuture<Optional<ContainerInfo>> stop(ContainerId id, Duration grace);

    /** The current state of an instance, or empty if the runtime does not know it (removed, or never ran). */
    Optional<ContainerInfo> status(ContainerId id);

    /** Every instance the runtime knows, running or exited, including those found from before an agent restart. */
    List<ContainerInfo> list();

    /** Forgets an exited instance (its state file, if any); a running one is stopped at once first. */
    void remove(ContainerId id);

    /** Registers the listener told about exits. Call before the first {@link #run}. */
    void setExitListener(ContainerExitListener listener);

    /** The runtime's name and version, for {@code status.nodeInfo.containerRuntimeVersion}. */
    String version();

    /**
     * Releases the runtime's threads. Running instances are left running (the process runtime finds them again
     * on the next start); stopping them is the agent's decision, made before.
     */
    @Override
    void close();
}
