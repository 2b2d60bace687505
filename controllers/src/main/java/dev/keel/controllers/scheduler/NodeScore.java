package dev.keel.controllers.scheduler;

import java.util.List;
import java.util.Objects;

/** One node's score from one plugin (raw or normalised, as the context says). */
public record NodeScore(String nodeName, long score) {
    public NodeScore {
        Objects.requireNonNull(nodeName, "nodeName");
    }

    /**
     * Kubernetes' default normalisation: scales {@code scores} so that the highest becomes
     * {@link ScorePlugin#MAX_NODE_SCORE}; with {@code reverse} a lower raw score is better (score = max - scaled).
     * When every raw score is 0 the result is all 0, or all {@code MAX_NODE_SCORE} when reversed.
     *
     * <p>Example: raw {@code [0, 1, 4]} gives {@code [0, 25, 100]}, reversed {@code [100, 75, 0]}.
     */
    public static List<NodeScore> normalize(List<NodeScore> scores, boolean reverse) {
        long max = scores.stream().mapToLong(NodeScore::score).max().orElse(0);
        long top = ScorePlugin.MAX_NODE_SCORE;
        if (max == 0) {
            return scores.stream().map(s -> new NodeScore(s.nodeName(), reverse ? top : 0)).toList();
        }
        return scores.stream().map(s -> {
            long scaled = top * s.score() / max;
            return new NodeScore(s.nodeName(), reverse ? top - scaled : scaled);
        }).toList();
    }
}
