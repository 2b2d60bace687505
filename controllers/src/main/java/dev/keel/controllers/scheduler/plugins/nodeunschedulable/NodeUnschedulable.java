package dev.keel.controllers.scheduler.plugins.nodeunschedulable;

import dev.keel.api.core.Pod;
import dev.keel.api.core.Taint;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.FilterPlugin;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.Status;
import dev.keel.controllers.scheduler.Tolerations;

/**
 * Keeps pods off cordoned nodes ({@code spec.unschedulable: true}), unless the pod tolerates the taint that marks
 * such nodes, {@code node.kubernetes.io/unschedulable:NoSchedule} (as DaemonSet pods do).
 */
public final class NodeUnschedulable implements FilterPlugin {
    public static final String NAME = "NodeUnschedulable";
    public static final String REASON = "node(s) were unschedulable";
    public static final String TAINT_KEY = "node.kubernetes.io/unschedulable";
    private static final Taint UNSCHEDULABLE_TAINT = Taint.of(TAINT_KEY, null, Tolerations.NO_SCHEDULE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        if (!node.unschedulable()
                || Tolerations.anyTolerates(pod.spec().tolerations(), UNSCHEDULABLE_TAINT)) {
            return Status.success();
        }
        return Status.unresolvable(REASON);
    }
}
