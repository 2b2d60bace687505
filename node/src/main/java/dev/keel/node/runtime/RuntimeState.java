package dev.keel.node.runtime;

import java.time.Instant;

/** Whether a container instance is running or has exited, and how. */
public sealed interface RuntimeState permits RuntimeState.Running, RuntimeState.Exited {

    /** The instance is running (its main process is alive). */
    record Running() implements RuntimeState {
    }

    /**
     * The instance has exited.
     *
     * @param exitCode   the exit code; 128 + n for a process killed by signal n
     * @param reason     {@code Completed} (exit code 0), {@code Error}, or {@code Unknown} when the exit was not
     *                   observed (the process runtime after the agent was down)
     * @param message    a human-readable detail, or {@code null}
     * @param finishedAt when the exit was observed
     */
    record Exited(int exitCode, String reason, String message, Instant finishedAt) implements RuntimeState {
        /** An exit with the usual reason for its code. */
        public static Exited of(int exitCode, Instant finishedAt) {
            return new Exited(exitCode, exitCode == 0 ? "Completed" : "Error", null, finishedAt);
        }
    }
}
