package dev.keel.controllers.scheduler;

import dev.keel.api.core.Pod;

import java.util.List;

/**
 * Ranks the feasible nodes. {@link #score} gives a raw number per node (any non-negative scale);
 * {@link #normalizeScores} then maps all of one cycle's raw scores into {@code 0..}{@link #MAX_NODE_SCORE}, higher
 * is better. The framework multiplies the normalised score by the plugin's weight and sums over plugins.
 * A plugin whose raw scores are already in range keeps the default, which returns them unchanged.
 */
public interface ScorePlugin extends Plugin {
    /** The highest normalised score. */
    long MAX_NODE_SCORE = 100;

    long score(CycleState state, Pod pod, NodeInfo node);

    /** The normalised scores, in the order given; each must be in {@code 0..MAX_NODE_SCORE}. */
    default List<NodeScore> normalizeScores(CycleState state, Pod pod, List<NodeScore> scores) {
        return scores;
    }
}
