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
        Resources want = state.computeIfAbsent(REQUEST, pod, PodRequests::of);
        boolean tooManyPods = node.podCount() + 1 > node.allocatablePods();
        boolean cpuShort = want.milliCpu() > 0
                && want.milliCpu() > node.allocatableMilliCpu() - node.requestedMilliCpu();
        boolean memoryShort = want.memory() > 0
                && want.memory() > node.allocatableMemory() - node.requestedMemory();
        if (!tooManyPods && !cpuShort && !memoryShort) {
            return Status.success(); // the common case allocates nothing
        }
        List<String> reasons = new ArrayList<>(3);
        if (tooManyPods) {
            reasons.add(TOO_MANY_PODS);
        }
        if (cpuShort) {
            reasons.add(INSUFFICIENT_CPU);
        }
        if (memoryShort) {
            reasons.add(INSUFFICIENT_MEMORY);
        }
        return new Status.Unschedulable(reasons);
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
        state.write(NON_ZERO, PodRequests.nonZero(pod));
        return Status.success();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        Resources request = state.computeIfAbsent(NON_ZERO, pod, PodRequests::nonZero);
        return score(request.milliCpu(), request.memory(), node);
    }

    @Override
    public void scoreAll(CycleState state, Pod pod, NodeInfo[] nodes, long[] scores) {
        Resources request = state.computeIfAbsent(NON_ZERO, pod, PodRequests::nonZero);
        long milliCpu = request.milliCpu();
        long memory = request.memory();
        for (int i = 0; i < scores.length; i++) {
            scores[i] = score(milliCpu, memory, nodes[i]);
        }
    }

    private static long score(long requestMilliCpu, long requestMemory, NodeInfo node) {
        long sum = 0;
        int weights = 0;
        if (node.allocatableMilliCpu() > 0) {
            sum += leastAllocated(node.nonZeroMilliCpu() + requestMilliCpu, node.allocatableMilliCpu());
            weights++;
        }
        if (node.allocatableMemory() > 0) {
            sum += leastAllocated(node.nonZeroMemory() + requestMemory, node.allocatableMemory());
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
