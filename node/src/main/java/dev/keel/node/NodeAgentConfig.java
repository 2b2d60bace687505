package dev.keel.node;

import dev.keel.api.core.Taint;
import dev.keel.api.quantity.Quantity;
import dev.keel.node.runtime.RuntimeKind;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a {@link NodeAgent} is told. Use {@link #of} for the defaults and the {@code with...} copiers to change
 * them.
 *
 * @param nodeName             the Node's name (also its Lease's name in {@code kube-node-lease})
 * @param runtime              process or hollow
 * @param capacity             cpu, memory, pods (and anything else) reported as capacity and allocatable
 * @param labels               added to the standard ones ({@code kubernetes.io/hostname}, {@code kubernetes.io/os}, ...)
 * @param taints               set on the Node when it registers (kept if it exists already)
 * @param address              the node's InternalIP; also every pod's podIP unless {@code podCidr} is set (and
 *                             always that of hostNetwork pods)
 * @param port                 the agent's HTTP port (logs, /healthz, /metrics); 0 picks a free one, -1 serves none
 *                             (hollow fleets: their pods have no logs)
 * @param dataDir              logs ({@code pods/}) and container state files ({@code containers/})
 * @param leaseDuration        {@code spec.leaseDurationSeconds} of the node Lease (default 40 s)
 * @param leaseRenewInterval   how often the Lease is renewed (default 10 s)
 * @param statusUpdateInterval how often node conditions are computed (default 10 s); the Node status is written
 *                             when they change or every {@code statusReportInterval}
 * @param statusReportInterval the longest time between Node status writes (default 1 min)
 * @param backoffBase          crash-loop back-off after the second crash (default 10 s), doubling ...
 * @param backoffMax           ... up to this (default 5 min)
 * @param backoffReset         a container that ran this long starts its back-off afresh (default 10 min)
 * @param orphanGracePeriod    grace for containers whose pod is gone from the API (default 10 s)
 * @param podCidr              the range pods take their own addresses from (e.g. {@code 127.101.1.0/24}; written to
 *                             the Node's {@code spec.podCIDR}); empty (default): every pod has the node's address
 * @param proxy                whether the agent runs the service proxy (default: on for the process runtime, off for
 *                             hollow)
 */
public record NodeAgentConfig(String nodeName, RuntimeKind runtime, Map<String, Quantity> capacity,
                              Map<String, String> labels, List<Taint> taints, String address, int port, Path dataDir,
                              Duration leaseDuration, Duration leaseRenewInterval, Duration statusUpdateInterval,
                              Duration statusReportInterval, Duration backoffBase, Duration backoffMax,
                              Duration backoffReset, Duration orphanGracePeriod, Optional<String> podCidr,
                              boolean proxy) {
    public static final int DEFAULT_PORT = 7250;
    public static final int DEFAULT_MAX_PODS = 110;

    public NodeAgentConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        if (nodeName.isEmpty()) {
            throw new IllegalArgumentException("the node name must not be empty");
        }
        Objects.requireNonNull(runtime, "runtime");
        capacity = Map.copyOf(capacity);
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
        Objects.requireNonNull(address, "address");
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port must be in [-1, 65535], got " + port);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        positive("leaseDuration", leaseDuration);
        positive("leaseRenewInterval", leaseRenewInterval);
        positive("statusUpdateInterval", statusUpdateInterval);
        positive("statusReportInterval", statusReportInterval);
        positive("backoffBase", backoffBase);
        positive("backoffMax", backoffMax);
        positive("backoffReset", backoffReset);
        Objects.requireNonNull(orphanGracePeriod, "orphanGracePeriod");
        Objects.requireNonNull(podCidr, "podCidr");
        podCidr.ifPresent(PodCidr::parse);
    }

    /** The parsed {@link #podCidr}. */
    Optional<PodCidr> parsedPodCidr() {
        return podCidr.map(PodCidr::parse);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    /** Defaults: capacity of this machine (hollow: 4 cpu, 16Gi), address 127.0.0.1, port 7250. */
    public static NodeAgentConfig of(String nodeName, RuntimeKind runtime, Path dataDir) {
        Map<String, Quantity> capacity = runtime == RuntimeKind.HOLLOW
                ? MachineReadings.hollowCapacity(DEFAULT_MAX_PODS)
                : MachineReadings.machineCapacity(dataDir, DEFAULT_MAX_PODS);
        return new NodeAgentConfig(nodeName, runtime, capacity, Map.of(), List.of(), "127.0.0.1", DEFAULT_PORT,
                dataDir, Duration.ofSeconds(40), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(10),
                Duration.ofSeconds(10), Optional.empty(), runtime == RuntimeKind.PROCESS);
    }

    public NodeAgentConfig withNodeName(String n) {
        return new NodeAgentConfig(n, runtime, capacity, labels, taints, address, port, dataDir, leaseDuration,
                leaseRenewInterval, statusUpdateInterval, statusReportInterval, backoffBase, backoffMax, backoffReset,
                orphanGracePeriod, podCidr, proxy);
    }

    public NodeAgentConfig withCapacity(Map<String, Quantity> c) {
        return new NodeAgentConfig(nodeName, runtime, c, labels, taints, address, port, dataDir, leaseDuration,
                leaseRenewInterval, statusUpdateInterval, statusReportInterval, backoffBase, backoffMax, backoffReset,
                orphanGracePeriod, podCidr, proxy);
    }

    public NodeAgentConfig withLabels(Map<String, String> l) {
        return new NodeAgentConfig(nodeName, runtime, capacity, l, taints, address, port, dataDir, leaseDuration,
                leaseRenewInterval, statusUpdateInterval, statusReportInterval, backoffBase, backoffMax, backoffReset,
                orphanGracePeriod, podCidr, proxy);
    }

    public NodeAgentConfig withTaints(List<Taint> t) {
        return new NodeAgentConfig(nodeName, runtime, capacity, labels, t, address, port, dataDir, leaseDuration,
                leaseRenewInterval, statusUpdateInterval, statusReportInterval, backoffBase, backoffMax, backoffReset,
                orphanGracePeriod, podCidr, proxy);
    }

    public NodeAgentConfig withAddress(String a) {
        return new NodeAgentConfig(nodeName, runtime, capacity, labels, taints, a, port, dataDir, leaseDuration,
                leaseRenewInterval, statusUpdateInterval, statusReportInterval, backoffBase, backoffMax, backoffReset,
                orphanGracePeriod, podCidr, proxy);
    }

    public NodeAgentConfig withPort(int p) {
        return new NodeAgentConfig(nodeName, runtime, capacity, labels, taints, address, p, dataDir, leaseDuration,
                leaseRenewInterval, statusUpdateInterval, statusReportInterval, backoffBase, backoffMax, backoffReset,
                orphanGracePeriod, podCidr, proxy);
    }

    public NodeAgentConfig withDataDir(Path d) {
        return new NodeAgentConfig(nodeName, runtime, capacity, labels, taints, address, port, d, leaseDuration,
                leaseRenewInterval, statusUpdateInterval, statusReportInterval, backoffBase, backoffMax, backoffReset,
                orphanGracePeriod, podCidr, proxy);
    }

    /**
     * A Lease of {@code duration}, renewed every quarter of it, as the kubelet does with
     * {@code --node-lease-duration-seconds}; the node lifecycle controller's grace period should be at least this.
     */
    public NodeAgentConfig withLeaseDuration(Duration duration) {
        return withLease(duration, duration.dividedBy(4));
    }

    /** Lease duration and renew interval. */
    public NodeAgentConfig withLease(Duration duration, Duration renewInterval) {
        return new NodeAgentConfig(nodeName, runtime, capacity, labels, taints, address, port, dataDir, duration,
                renewInterval, statusUpdateInterval, statusReportInterval, backoffBase, backoffMax, backoffReset,
                orphanGracePeriod, podCidr, proxy);
    }

    /** How often conditions are computed, and the longest time between Node status writes. */
    public NodeAgentConfig withStatusIntervals(Duration update, Duration report) {
        return new NodeAgentConfig(nodeName, runtime, capacity, labels, taints, address, port, dataDir, leaseDuration,
                leaseRenewInterval, update, report, backoffBase, backoffMax, backoffReset, orphanGracePeriod, podCidr,
                proxy);
    }

    /** Crash-loop back-off: first delay, cap, and the running time after which it starts afresh. */
    public NodeAgentConfig withBackoff(Duration base, Duration max, Duration reset) {
        return new NodeAgentConfig(nodeName, runtime, capacity, labels, taints, address, port, dataDir, leaseDuration,
                leaseRenewInterval, statusUpdateInterval, statusReportInterval, base, max, reset, orphanGracePeriod,
                podCidr, proxy);
    }

    public NodeAgentConfig withOrphanGracePeriod(Duration g) {
        return new NodeAgentConfig(nodeName, runtime, capacity, labels, taints, address, port, dataDir, leaseDuration,
                leaseRenewInterval, statusUpdateInterval, statusReportInterval, backoffBase, backoffMax, backoffReset,
                g, podCidr, proxy);
    }

    /** Pods get addresses of their own from {@code cidr} (e.g. {@code 127.101.1.0/24}). */
    public NodeAgentConfig withPodCidr(String cidr) {
        return new NodeAgentConfig(nodeName, runtime, capacity, labels, taints, address, port, dataDir, leaseDuration,
                leaseRenewInterval, statusUpdateInterval, statusReportInterval, backoffBase, backoffMax, backoffReset,
                orphanGracePeriod, Optional.of(cidr), proxy);
    }

    /** Whether the agent runs the service proxy. */
    public NodeAgentConfig withProxy(boolean on) {
        return new NodeAgentConfig(nodeName, runtime, capacity, labels, taints, address, port, dataDir, leaseDuration,
                leaseRenewInterval, statusUpdateInterval, statusReportInterval, backoffBase, backoffMax, backoffReset,
                orphanGracePeriod, podCidr, on);
    }
}
