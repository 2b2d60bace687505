package dev.keel.node.runtime;

/** Which {@link ContainerRuntime} a node agent uses. */
public enum RuntimeKind {
    /** Each container is an OS process (command + args) in its own process group. */
    PROCESS,
    /** Containers are simulated: they start at once, are ready at once and run until stopped. No processes. */
    HOLLOW
}
