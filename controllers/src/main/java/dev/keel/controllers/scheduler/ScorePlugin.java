package dev.keel.controllers.scheduler;

import dev.keel.api.core.Pod;

/**
 * Ranks the feasible nodes. {@link #score} gives a raw number per node (any non-negative scale);
 * {@link #normalizeScores} then maps all of one cycle's raw scores into {@code 0..}{@link #MAX_NODE_SCORE}, higher
 * is better. The framework multiplies the normalised score by the plugin's weight and sums over plugins.
 * A plugin whose raw scores are already in range keeps the default, which leaves them unchanged.
 *
 * <p>If the plugin is also a {@link PreScorePlugin} and its pre-score returns {@link Status#skip()}, neither
 * method is called in that cycle and the plugin adds nothing to any node's total.
 */
public interface ScorePlugin extends Plugin {
    /** The highest normalised score. */
    long MAX_NODE_SCORE = 100;

    long score(CycleState state, Pod pod, NodeInfo node);

    /**
     * The raw score of many nodes: {@code scores[i] = score(state, pod, nodes[i])} for every index of
     * {@code scores} ({@code nodes} may be longer). This default calls {@link #score} per node; a plugin whose score
     * runs on every feasible node of every cycle overrides it with the same arithmetic in one loop (its cycle state
     * read once, no call per node), and must give the same numbers.
     */
    default void scoreAll(CycleState state, Pod pod, NodeInfo[] nodes, long[] scores) {
        for (int i = 0; i < scores.length; i++) {
            scores[i] = score(state, pod, nodes[i]);
        }
    }

    /**
     * Normalises {@code scores} in place: {@code scores[i]} is the raw score of the i-th feasible node and must
     * become its normalised score, in {@code 0..MAX_NODE_SCORE}.
     */
    default void normalizeScores(CycleState state, Pod pod, long[] scores) {
    }

    /**
     * Kubernetes' default normalisation, in place: scales {@code scores} so that the highest becomes
     * {@link #MAX_NODE_SCORE}; with {@code reverse} a lower raw score is better (score = max - scaled).
     * When every raw score is 0 the result is all 0, or all {@code MAX_NODE_SCORE} when reversed.
     *
     * <p>Example: raw {@code [0, 1, 4]} gives {@code [0, 25, 100]}, reversed {@code [100, 75, 0]}.
     */
    static void defaultNormalize(long[] scores, boolean reverse) {
        if (scores.length == 0) {
            return;
        }
        long max = scores[0];
        for (long s : scores) {
            max = Math.max(max, s);
        }
        for (int i = 0; i < scores.length; i++) {
            long scaled = max == 0 ? 0 : MAX_NODE_SCORE * scores[i] / max;
            scores[i] = reverse ? MAX_NODE_SCORE - scaled : scaled;
        }
    }
}
