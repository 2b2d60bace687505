package dev.keel.controllers.scheduler.plugins.noderesources;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.FilterPlugin;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.PodRequests;
import dev.keel.controllers.scheduler.PreFilterPlugin;
import dev.keel.controllers.scheduler.PreScorePlugin;
import dev.keel.controllers.scheduler.Resources;
import dev.keel.controllers.scheduler.ScorePlugin;
import dev.keel.controllers.scheduler.StateKey;
import dev.keel.controllers.scheduler.Status;

import java.util.ArrayList;
import java.util.List;

/**
 * Requests against allocatable. Filter: one more pod must not exceed the node's {@code pods}, and the pod's cpu
 * and memory requests ({@link PodRequests#of}) must fit in what the node's pods leave free; every shortage is a
 * reason ("Too many pods", "Insufficient cpu", "Insufficient memory"). A resource the pod does not request is not
 * checked.
 *
 * <p>Score (least allocated): per resource, the share of the node that would stay free after placing the pod,
 * {@code (allocatable - requested) * 100 / allocatable} with the scoring defaults of
 * {@link PodRequests#nonZero}; 0 when it would not fit; cpu and memory weigh equally, resources the node does not
 * offer are skipped. An empty node scores 100.
 */
public final class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
    public static final String NAME = "NodeResourcesFit";
    public static final String TOO_MANY_PODS = "Too many pods";
    public static final String INSUFFICIENT_CPU = "Insufficient cpu";
    public static final String INSUFFICIENT_MEMORY = "Insufficient memory";
    private static final StateKey<Resources> REQUEST = new StateKey<>(NAME + "/request", Resources.class);
    private static final StateKey<Resources> NON_ZERO = new StateKey<>(NAME + "/nonZero", Resources.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, Pod pod) {
        state.write(REQUEST, PodRequests.of(pod));
        return Status.success();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        Resources want = state.computeIfAbsent(REQUEST, () -> PodRequests.of(pod));
        Resources free = node.allocatable().minus(node.requested());
        List<String> reasons = new ArrayList<>(3);
        if (node.pods().size() + 1 > node.allocatable().pods()) {
            reasons.add(TOO_MANY_PODS);
        }
        if (want.milliCpu() > 0 && want.milliCpu() > free.milliCpu()) {
            reasons.add(INSUFFICIENT_CPU);
        }
        if (want.memory() > 0 && want.memory() > free.memory()) {
            reasons.add(INSUFFICIENT_MEMORY);
        }
        return reasons.isEmpty() ? Status.success() : Status.unschedulable(reasons.toArray(String[]::new));
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
        state.write(NON_ZERO, PodRequests.nonZero(pod));
        return Status.success();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        Resources after = node.nonZeroRequested().plus(state.computeIfAbsent(NON_ZERO, () -> PodRequests.nonZero(pod)));
        Resources allocatable = node.allocatable();
        long sum = 0;
        int weights = 0;
        if (allocatable.milliCpu() > 0) {
            sum += leastAllocated(after.milliCpu(), allocatable.milliCpu());
            weights++;
        }
        if (allocatable.memory() > 0) {
            sum += leastAllocated(after.memory(), allocatable.memory());
            weights++;
        }
        return weights == 0 ? 0 : sum / weights;
    }

    static long leastAllocated(long requested, long allocatable) {
        if (requested > allocatable) {
            return 0;
        }
        return (allocatable - requested) * MAX_NODE_SCORE / allocatable;
    }
}
