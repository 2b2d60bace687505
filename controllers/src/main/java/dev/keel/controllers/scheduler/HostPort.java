package dev.keel.controllers.scheduler;

import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerPort;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A port a pod binds on its node: address, protocol and number. {@link #WILDCARD} ({@code 0.0.0.0}) stands for
 * every address of the node and conflicts with any address.
 *
 * <p>A pod binds its {@code containerPort}s on the node's own address when it shares the node's network: when it
 * asks for {@code hostNetwork}, or when the node has no {@code spec.podCIDR} (a host-network node, where every pod
 * gets the node's address). Then container ports count as host ports do (stricter than Kubernetes, which only
 * counts host ports). On a node with a pod CIDR each pod has an address of its own, and only {@code hostPort}s
 * count, as in Kubernetes.
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

    /** The ports {@code pod} binds on a node whose network it shares (see {@link #ofPod(Pod, Node)}). */
    public static List<HostPort> ofPod(Pod pod) {
        return ofPod(pod, true);
    }

    /**
     * The ports {@code pod}'s regular containers bind on {@code node}: each declared port's {@code hostPort} when set,
     * and its {@code containerPort} too when the pod shares the node's network ({@link #sharesNodeNetwork}); protocol
     * TCP and address {@code 0.0.0.0} when not given. Ports out of range are left to validation and skipped here.
     */
    public static List<HostPort> ofPod(Pod pod, Node node) {
        return ofPod(pod, sharesNodeNetwork(pod, node));
    }

    /** True when {@code pod} on {@code node} gets the node's address: {@code hostNetwork}, or no pod CIDR. */
    public static boolean sharesNodeNetwork(Pod pod, Node node) {
        return Boolean.TRUE.equals(pod.spec().hostNetwork()) || !hasPodCidr(node);
    }

    /** True when {@code node} gives each pod an address of its own ({@code spec.podCIDR} set). */
    public static boolean hasPodCidr(Node node) {
        return node != null && node.spec() != null && node.spec().podCIDR() != null
                && !node.spec().podCIDR().isBlank();
    }

    /** The ports {@code pod} binds on a node where it shares the network ({@code shared}) or has its own address. */
    public static List<HostPort> ofPod(Pod pod, boolean shared) {
        Set<HostPort> ports = new LinkedHashSet<>();
        for (Container c : pod.spec().containers()) {
            for (ContainerPort p : c.ports()) {
                String ip = p.hostIP() == null || p.hostIP().isEmpty() ? WILDCARD : p.hostIP();
                String protocol = p.protocol() == null || p.protocol().isEmpty() ? "TCP" : p.protocol();
                if (shared) {
                    addIfValid(ports, ip, protocol, p.containerPort());
                }
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
