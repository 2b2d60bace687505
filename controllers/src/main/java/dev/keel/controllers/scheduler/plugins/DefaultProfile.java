package dev.keel.controllers.scheduler.plugins;

import dev.keel.controllers.scheduler.Profile;
import dev.keel.controllers.scheduler.plugins.nodeaffinity.NodeAffinity;
import dev.keel.controllers.scheduler.plugins.nodename.NodeName;
import dev.keel.controllers.scheduler.plugins.nodeports.NodePorts;
import dev.keel.controllers.scheduler.plugins.noderesources.BalancedAllocation;
import dev.keel.controllers.scheduler.plugins.noderesources.NodeResourcesFit;
import dev.keel.controllers.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import dev.keel.controllers.scheduler.plugins.ownerspread.OwnerSpread;
import dev.keel.controllers.scheduler.plugins.tainttoleration.TaintToleration;

import java.util.List;
import java.util.Map;

/**
 * Keel's scheduler profile: Kubernetes' default filters in Kubernetes' order (cheap, node-only checks first) and
 * its default score weights (taints 3, affinity 2, spreading 2, resources 1 each).
 */
public final class DefaultProfile {
    private DefaultProfile() {
    }

    /** The default profile, with Kubernetes' adaptive percentage of nodes to score. */
    public static Profile create() {
        return create(0);
    }

    public static Profile create(int percentageOfNodesToScore) {
        return new Profile(List.of(
                new NodeUnschedulable(),
                new NodeName(),
                new TaintToleration(),
                new NodeAffinity(),
                new NodePorts(),
                new NodeResourcesFit(),
                new BalancedAllocation(),
                new OwnerSpread()),
                Map.of(TaintToleration.NAME, 3,
                        NodeAffinity.NAME, 2,
                        OwnerSpread.NAME, 2,
                        NodeResourcesFit.NAME, 1,
                        BalancedAllocation.NAME, 1),
                percentageOfNodesToScore);
    }
}
