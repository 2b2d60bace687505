package dev.keel.controllers.scheduler.plugins.nodeports;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.FilterPlugin;
import dev.keel.controllers.scheduler.HostPort;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.PreFilterPlugin;
import dev.keel.controllers.scheduler.StateKey;
import dev.keel.controllers.scheduler.Status;

import java.util.List;

/**
 * A pod fits a node only if none of the ports it binds there ({@link HostPort#ofPod(Pod, dev.keel.api.core.Node)}:
 * host ports, and container ports when the pod shares the node's network) is already bound with the same protocol
 * on the same address or a wildcard. Unschedulable rather than unresolvable: deleting the pod that holds the port
 * frees it. A pod that binds no port on any node skips the filter (Kubernetes: a pod without host ports).
 */
public final class NodePorts implements PreFilterPlugin, FilterPlugin {
    public static final String NAME = "NodePorts";
    public static final String REASON = "node(s) didn't have free ports for the requested pod ports";
    private static final StateKey<PodPorts> PORTS = new StateKey<>(NAME + "/ports", PodPorts.class);

    /** The pod's ports on a node whose network it shares, and on a node that gives it an address of its own. */
    private record PodPorts(List<HostPort> shared, List<HostPort> own) {
        static PodPorts of(Pod pod) {
            return new PodPorts(HostPort.ofPod(pod, true), HostPort.ofPod(pod, false));
        }

        boolean none() {
            return shared.isEmpty() && own.isEmpty();
        }

        List<HostPort> on(NodeInfo node, Pod pod) {
            return HostPort.sharesNodeNetwork(pod, node.node()) ? shared : own;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, Pod pod) {
        PodPorts ports = PodPorts.of(pod);
        if (ports.none()) {
            return Status.skip(); // binds no port on any node, so conflicts with nothing
        }
        state.write(PORTS, ports);
        return Status.success();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        List<HostPort> wanted = state.computeIfAbsent(PORTS, pod, PodPorts::of).on(node, pod);
        if (wanted.isEmpty() || !node.usedPorts().conflictsWithAny(wanted)) {
            return Status.success();
        }
        return Status.unschedulable(REASON);
    }
}
