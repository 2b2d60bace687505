package dev.keel.controllers.scheduler.plugins.nodeaffinity;

import dev.keel.api.core.Affinity;
import dev.keel.api.core.Node;
import dev.keel.api.core.NodeSelector;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PreferredSchedulingTerm;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.FilterPlugin;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.PreFilterPlugin;
import dev.keel.controllers.scheduler.PreScorePlugin;
import dev.keel.controllers.scheduler.ScorePlugin;
import dev.keel.controllers.scheduler.StateKey;
import dev.keel.controllers.scheduler.Status;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Node labels against the pod's wishes. Filter: every {@code spec.nodeSelector} label must be on the node, and if
 * the pod has required node affinity, one of its terms must match ({@link NodeSelectorMatch}). Score: the sum of
 * the weights of the preferred terms that match, normalised so that the best node gets 100.
 *
 * <p>As in Kubernetes, a pod without nodeSelector and without required affinity skips the filter (every node
 * passes), and a pod without preferred terms skips the score (every node would score 0).
 */
public final class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
    public static final String NAME = "NodeAffinity";
    public static final String REASON = "node(s) didn't match Pod's node affinity/selector";
    private static final StateKey<Required> REQUIRED = new StateKey<>(NAME + "/required", Required.class);
    private static final StateKey<Preferred> PREFERRED = new StateKey<>(NAME + "/preferred", Preferred.class);

    /** What a node must satisfy: all selector labels and, if present, one of the required terms. */
    private record Required(Map<String, String> nodeSelector, Optional<NodeSelector> affinity) {
        /** True if every node matches: no label to check and no required affinity (even an empty one rejects). */
        boolean matchesEveryNode() {
            return nodeSelector.isEmpty() && affinity.isEmpty();
        }

        boolean matches(Node node) {
            Map<String, String> labels = node.metadata().labels();
            for (Map.Entry<String, String> e : nodeSelector.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
            return affinity.map(a -> NodeSelectorMatch.anyTermMatches(a.nodeSelectorTerms(), node)).orElse(true);
        }
    }

    private record Preferred(List<PreferredSchedulingTerm> terms) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, Pod pod) {
        Required required = required(pod);
        if (required.matchesEveryNode()) {
            return Status.skip();
        }
        state.write(REQUIRED, required);
        return Status.success();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        Required required = state.computeIfAbsent(REQUIRED, pod, NodeAffinity::required);
        return required.matches(node.node()) ? Status.success() : Status.unresolvable(REASON);
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
        Preferred preferred = preferred(pod);
        if (preferred.terms().isEmpty()) {
            return Status.skip();
        }
        state.write(PREFERRED, preferred);
        return Status.success();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        long sum = 0;
        for (PreferredSchedulingTerm t : state.computeIfAbsent(PREFERRED, pod, NodeAffinity::preferred).terms()) {
            int weight = t.weight() == null ? 0 : t.weight();
            if (weight > 0 && t.preference() != null && NodeSelectorMatch.termMatches(t.preference(), node.node())) {
                sum += weight;
            }
        }
        return sum;
    }

    @Override
    public void normalizeScores(CycleState state, Pod pod, long[] scores) {
        ScorePlugin.defaultNormalize(scores, false);
    }

    private static Required required(Pod pod) {
        Optional<NodeSelector> affinity = nodeAffinity(pod)
                .map(dev.keel.api.core.NodeAffinity::requiredDuringSchedulingIgnoredDuringExecution);
        return new Required(pod.spec().nodeSelector(), affinity);
    }

    private static Preferred preferred(Pod pod) {
        return new Preferred(nodeAffinity(pod)
                .map(dev.keel.api.core.NodeAffinity::preferredDuringSchedulingIgnoredDuringExecution)
                .orElse(List.of()));
    }

    private static Optional<dev.keel.api.core.NodeAffinity> nodeAffinity(Pod pod) {
        return Optional.ofNullable(pod.spec().affinity()).map(Affinity::nodeAffinity);
    }
}
