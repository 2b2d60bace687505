package dev.keel.node.runtime;

/** The outcome of {@link ContainerRuntime#run}: started, or could not be started (nothing is left running). */
public sealed interface RunResult permits RunResult.Started, RunResult.Failed {

    record Started(ContainerInfo info) implements RunResult {
    }

    /**
     * The container could not be started: a user error (no such executable, no command, bad working directory) or
     * a node problem (cannot fork).
     *
     * @param reason  a CamelCase reason, e.g. {@code RunContainerError}
     * @param message what failed, naming the command or directory
     */
    record Failed(String reason, String message) implements RunResult {
    }
}
