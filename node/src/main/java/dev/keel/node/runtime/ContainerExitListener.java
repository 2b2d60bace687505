package dev.keel.node.runtime;

/** Told when a container instance exits (by itself, or after {@link ContainerRuntime#stop}). */
@FunctionalInterface
public interface ContainerExitListener {
    /**
     * Called once per instance, on a runtime thread; must not block.
     *
     * @param info the instance with its {@link RuntimeState.Exited} state
     */
    void exited(ContainerInfo info);
}
