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
 * A pod fits a node only if none of the ports it binds ({@link HostPort#ofPod}: container ports and host ports,
 * since Keel pods share the host network) is already bound there with the same protocol on the same address or a
 * wildcard. Unschedulable rather than unresolvable: deleting the pod that holds the port frees it.
 */
public final class NodePorts implements PreFilterPlugin, FilterPlugin {
    public static final String NAME = "NodePorts";
    public static final String REASON = "node(s) didn't have free ports for the requested pod ports";
    private static final StateKey<PodPorts> PORTS = new StateKey<>(NAME + "/ports", PodPorts.class);

    private record PodPorts(List<HostPort> ports) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, Pod pod) {
        state.write(PORTS, new PodPorts(HostPort.ofPod(pod)));
        return Status.success();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        List<HostPort> wanted = state.computeIfAbsent(PORTS, () -> new PodPorts(HostPort.ofPod(pod))).ports();
        if (wanted.isEmpty() || !node.usedPorts().conflictsWithAny(wanted)) {
            return Status.success();
        }
        return Status.unschedulable(REASON);
    }
}
