package dev.keel.controllers.scheduler;

import dev.keel.api.core.Pod;

import java.util.List;

/**
 * Runs once per cycle after filtering, with the feasible nodes: computes what the score step reads back from the
 * {@link CycleState}. A non-success status stops the cycle.
 */
public interface PreScorePlugin extends Plugin {
    Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes);
}
