package dev.keel.controllers.scheduler.plugins.noderesources;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.PodRequests;
import dev.keel.controllers.scheduler.PreScorePlugin;
import dev.keel.controllers.scheduler.Resources;
import dev.keel.controllers.scheduler.ScorePlugin;
import dev.keel.controllers.scheduler.StateKey;
import dev.keel.controllers.scheduler.Status;

import java.util.List;

/**
 * Prefers nodes whose cpu and memory would be used in equal shares after placing the pod, so that neither runs
 * out while the other idles. With the fractions {@code f = requested / allocatable} (capped at 1) of cpu and
 * memory, the score is {@code (1 - |f_cpu - f_mem| / 2) * 100}: a node at 50% cpu and 50% memory scores 100, one
 * at 100% cpu and 0% memory scores 50. Uses the actual requests (as Kubernetes does since 1.26), so pods without
 * requests do not count; a node offering only one of the two resources scores 100.
 */
public final class BalancedAllocation implements PreScorePlugin, ScorePlugin {
    public static final String NAME = "NodeResourcesBalancedAllocation";
    private static final StateKey<Resources> REQUEST = new StateKey<>(NAME + "/request", Resources.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
        state.write(REQUEST, PodRequests.of(pod));
        return Status.success();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        Resources request = state.computeIfAbsent(REQUEST, pod, PodRequests::of);
        return score(request.milliCpu(), request.memory(), node);
    }

    @Override
    public void scoreAll(CycleState state, Pod pod, NodeInfo[] nodes, long[] scores) {
        Resources request = state.computeIfAbsent(REQUEST, pod, PodRequests::of);
        long milliCpu = request.milliCpu();
        long memory = request.memory();
        for (int i = 0; i < scores.length; i++) {
            scores[i] = score(milliCpu, memory, nodes[i]);
        }
    }

    private static long score(long requestMilliCpu, long requestMemory, NodeInfo node) {
        if (node.allocatableMilliCpu() <= 0 || node.allocatableMemory() <= 0) {
            return MAX_NODE_SCORE;
        }
        double cpu = fraction(node.requestedMilliCpu() + requestMilliCpu, node.allocatableMilliCpu());
        double memory = fraction(node.requestedMemory() + requestMemory, node.allocatableMemory());
        double std = Math.abs(cpu - memory) / 2;
        return (long) ((1 - std) * MAX_NODE_SCORE);
    }

    /** {@code used / allocatable}, at most 1 ({@code allocatable > 0}). */
    private static double fraction(long used, long allocatable) {
        double f = (double) used / allocatable;
        return f < 1 ? f : 1;
    }
}
