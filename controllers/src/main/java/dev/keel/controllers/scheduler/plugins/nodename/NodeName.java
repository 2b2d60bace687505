package dev.keel.controllers.scheduler.plugins.nodename;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.FilterPlugin;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.PreFilterPlugin;
import dev.keel.controllers.scheduler.Status;

/**
 * A pod that names a node ({@code spec.nodeName}) fits only that node. A pod that names none fits every node, so
 * the pre-filter skips the filter for it.
 */
public final class NodeName implements PreFilterPlugin, FilterPlugin {
    public static final String NAME = "NodeName";
    public static final String REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, Pod pod) {
        return namesNoNode(pod) ? Status.skip() : Status.success();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        if (namesNoNode(pod) || pod.spec().nodeName().equals(node.name())) {
            return Status.success();
        }
        return Status.unresolvable(REASON);
    }

    private static boolean namesNoNode(Pod pod) {
        String wanted = pod.spec().nodeName();
        return wanted == null || wanted.isEmpty();
    }
}
