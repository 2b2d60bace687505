package dev.keel.controllers.scheduler;

import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerPort;
import dev.keel.api.core.Pod;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A port a pod binds on its node: address, protocol and number. {@link #WILDCARD} ({@code 0.0.0.0}) stands for
 * every address of the node and conflicts with any address.
 *
 * <p>Keel pods share the host network, so a container's {@code containerPort} is bound on the node just as its
 * {@code hostPort} is: both count (this is stricter than Kubernetes, which only counts host ports).
 */
public record HostPort(String ip, String protocol, int port) {
    public static final String WILDCARD = "0.0.0.0";

    public HostPort {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(protocol, "protocol");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }

    public boolean isWildcard() {
        return WILDCARD.equals(ip);
    }

    /** True if binding both would collide: same protocol and number, and the same address or a wildcard. */
    public boolean conflictsWith(HostPort other) {
        return port == other.port && protocol.equals(other.protocol)
                && (isWildcard() || other.isWildcard() || ip.equals(other.ip));
    }

    /**
     * The ports {@code pod}'s regular containers bind: each declared port's {@code containerPort}, and its
     * {@code hostPort} when set (protocol TCP and address {@code 0.0.0.0} when not given). Ports out of range are
     * left to validation and skipped here.
     */
    public static List<HostPort> ofPod(Pod pod) {
        Set<HostPort> ports = new LinkedHashSet<>();
        for (Container c : pod.spec().containers()) {
            for (ContainerPort p : c.ports()) {
                String ip = p.hostIP() == null || p.hostIP().isEmpty() ? WILDCARD : p.hostIP();
                String protocol = p.protocol() == null || p.protocol().isEmpty() ? "TCP" : p.protocol();
                addIfValid(ports, ip, protocol, p.containerPort());
                addIfValid(ports, ip, protocol, p.hostPort());
            }
        }
        return List.copyOf(ports);
    }

    private static void addIfValid(Set<HostPort> ports, String ip, String protocol, Integer port) {
        if (port != null && port >= 1 && port <= 65535) {
            ports.add(new HostPort(ip, protocol, port));
        }
    }

    @Override
    public String toString() {
        return ip + ":" + port + "/" + protocol;
    }
}
