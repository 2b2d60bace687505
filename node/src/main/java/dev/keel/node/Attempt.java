package dev.keel.node;

import dev.keel.api.core.ContainerStateTerminated;
import dev.keel.node.runtime.ContainerInfo;
import dev.keel.node.runtime.RuntimeState;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** The latest try at running one container: an instance that ran (and may still run), or a start that failed. */
sealed interface Attempt permits Attempt.Ran, Attempt.StartFailed {

    /** The exit code that decides a restart under OnFailure; empty while running. */
    java.util.OptionalInt exitCode();

    /** This attempt as a {@code terminated} container state; only for a finished attempt. */
    ContainerStateTerminated terminated();

    record Ran(ContainerInfo info) implements Attempt {
        @Override
        public java.util.OptionalInt exitCode() {
            return info.state() instanceof RuntimeState.Exited e ? java.util.OptionalInt.of(e.exitCode())
                    : java.util.OptionalInt.empty();
        }

        @Override
        public ContainerStateTerminated terminated() {
            RuntimeState.Exited e = (RuntimeState.Exited) info.state();
            return new ContainerStateTerminated(e.exitCode(), null, e.reason(), e.message(), seconds(info.startedAt()),
                    seconds(e.finishedAt()), info.id().value(), Map.of());
        }

        /** How long it ran (until now if still running). */
        java.time.Duration ranFor(Instant now) {
            Instant end = info.state() instanceof RuntimeState.Exited e ? e.finishedAt() : now;
            return java.time.Duration.between(info.startedAt(), end);
        }
    }

    /** The runtime could not start the container (exit code 128, as Kubernetes reports a StartError). */
    record StartFailed(String reason, String message, Instant at) implements Attempt {
        static final int EXIT_CODE = 128;

        @Override
        public java.util.OptionalInt exitCode() {
            return java.util.OptionalInt.of(EXIT_CODE);
        }

        @Override
        public ContainerStateTerminated terminated() {
            return new ContainerStateTerminated(EXIT_CODE, null, "StartError", message, seconds(at), seconds(at), null,
                    Map.of());
        }
    }

    /** API times have second precision; status built from finer times would never compare equal to what is stored. */
    static Instant seconds(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS);
    }
}
