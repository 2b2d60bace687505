package dev.keel.node.probe;

import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerPort;
import dev.keel.api.meta.IntOrString;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One running container instance, as the probes see it.
 *
 * @param podKey        {@code namespace/name} of the pod (for messages and for the listener)
 * @param containerName the container's name in the pod spec
 * @param containerId   unique per start of the container: a restart is a new id, so the old probes stop
 * @param podIP         the default host of httpGet and tcpSocket probes (pods share the node's network, so
 *                      this is the node's address); {@code null} falls back to {@code 127.0.0.1}
 * @param container     the container spec: its probes and its named ports
 * @param env           the complete environment of exec probes (the container's own, as the runtime built it)
 * @param workingDir    the working directory of exec probes; {@code null}: the agent's own
 */
public record ProbeTarget(String podKey, String containerName, String containerId, String podIP, Container container,
                          Map<String, String> env, Path workingDir) {
    public ProbeTarget {
        Objects.requireNonNull(podKey, "podKey");
        Objects.requireNonNull(containerName, "containerName");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(container, "container");
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** {@code podIP}, or {@code 127.0.0.1} when the pod has none yet. */
    public String defaultHost() {
        return podIP == null || podIP.isEmpty() ? "127.0.0.1" : podIP;
    }

    /** A port number as given, or a named port resolved against the container's ports; empty if unknown. */
    public Optional<Integer> resolvePort(IntOrString port) {
        if (port instanceof IntOrString.Int i) {
            return Optional.of(i.value());
        }
        if (port instanceof IntOrString.Str s) {
            for (ContainerPort p : container.ports()) {
                if (s.value().equals(p.name()) && p.containerPort() != null) {
                    return Optional.of(p.containerPort());
                }
            }
            try {
                return Optional.of(Integer.parseInt(s.value())); // "8080" written as a string
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return podKey + "/" + containerName + " (" + containerId + ")";
    }
}
