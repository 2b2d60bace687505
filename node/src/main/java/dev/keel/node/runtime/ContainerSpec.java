package dev.keel.node.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One instance of a container to run: what {@link ContainerRuntime#run} needs.
 *
 * @param key        the pod and container
 * @param attempt    0 for the first run, then the restart count: instance {@code n} is the {@code n}th restart
 * @param image      as given in the pod spec (the process runtime does not pull it; it is reported back)
 * @param command    the executable and its arguments ({@code command} followed by {@code args}); may be empty,
 *                   which a runtime that needs a command reports as a run failure
 * @param workingDir {@code null}: the runtime's default
 * @param env        the whole environment of the container (the node's own environment is not inherited)
 * @param logFile    where stdout and stderr are appended
 */
public record ContainerSpec(ContainerKey key, int attempt, String image, List<String> command, String workingDir,
                            Map<String, String> env, Path logFile) {
    public ContainerSpec {
        Objects.requireNonNull(key, "key");
        command = List.copyOf(command);
        env = Map.copyOf(env);
        Objects.requireNonNull(logFile, "logFile");
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be >= 0, got " + attempt);
        }
    }
}
