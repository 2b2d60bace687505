package dev.keel.controllers.scheduler;

import dev.keel.api.core.Pod;

import java.util.List;

/**
 * Runs once per cycle after filtering, with the feasible nodes: computes what the score step reads back from the
 * {@link CycleState}. {@link Status#skip()} means the plugin's score would be the same on every feasible node, so
 * the framework does not score with it this cycle (adding the same number to every node's total changes no
 * decision). Any other non-success status stops the cycle.
 */
public interface PreScorePlugin extends Plugin {
    Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes);
}
