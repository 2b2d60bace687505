package dev.keel.controllers.scheduler.plugins.nodename;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.FilterPlugin;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.Status;

/** A pod that names a node ({@code spec.nodeName}) fits only that node. */
public final class NodeName implements FilterPlugin {
    public static final String NAME = "NodeName";
    public static final String REASON = "node(s) didn't match the requested node name";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        String wanted = pod.spec().nodeName();
        if (wanted == null || wanted.isEmpty() || wanted.equals(node.name())) {
            return Status.success();
        }
        return Status.unresolvable(REASON);
    }
}
