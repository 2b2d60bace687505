package dev.keel.controllers.scheduler.plugins.tainttoleration;

import dev.keel.api.core.Pod;
import dev.keel.api.core.Taint;
import dev.keel.api.core.Toleration;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.FilterPlugin;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.PreScorePlugin;
import dev.keel.controllers.scheduler.ScorePlugin;
import dev.keel.controllers.scheduler.StateKey;
import dev.keel.controllers.scheduler.Status;
import dev.keel.controllers.scheduler.Tolerations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Taints against tolerations. Filter: every NoSchedule and NoExecute taint of the node must be tolerated (the
 * first that is not is named in the reason). Score: fewer untolerated PreferNoSchedule taints is better.
 */
public final class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
    public static final String NAME = "TaintToleration";
    private static final StateKey<PreferTolerations> PREFER = new StateKey<>(NAME + "/prefer", PreferTolerations.class);

    /** The pod's tolerations that can tolerate a PreferNoSchedule taint (that effect, or any effect). */
    private record PreferTolerations(List<Toleration> tolerations) {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The reason for an untolerated taint, as Kubernetes words it: {@code {key: value}}. */
    public static String reason(Taint taint) {
        return "node(s) had untolerated taint {" + taint.key() + ": " + (taint.value() == null ? "" : taint.value())
                + "}";
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo node) {
        if (node.taints().isEmpty()) {
            return Status.success();
        }
        Optional<Taint> untolerated = Tolerations.firstUntolerated(node.taints(),
                pod.spec().tolerations(),
                t -> Tolerations.NO_SCHEDULE.equals(t.effect()) || Tolerations.NO_EXECUTE.equals(t.effect()));
        return untolerated.map(t -> Status.unresolvable(reason(t))).orElse(Status.success());
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
        state.write(PREFER, preferTolerations(pod));
        return Status.success();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        List<Taint> taints = node.taints();
        if (taints.isEmpty()) {
            return 0; // most nodes: no stream, no state lookup
        }
        return untoleratedPreferNoSchedule(taints,
                state.computeIfAbsent(PREFER, pod, TaintToleration::preferTolerations).tolerations());
    }

    @Override
    public void scoreAll(CycleState state, Pod pod, NodeInfo[] nodes, long[] scores) {
        List<Toleration> tolerations = null; // read from the state at the first tainted node
        for (int i = 0; i < scores.length; i++) {
            List<Taint> taints = nodes[i].taints();
            if (taints.isEmpty()) {
                scores[i] = 0;
                continue;
            }
            if (tolerations == null) {
                tolerations = state.computeIfAbsent(PREFER, pod, TaintToleration::preferTolerations).tolerations();
            }
            scores[i] = untoleratedPreferNoSchedule(taints, tolerations);
        }
    }

    private static long untoleratedPreferNoSchedule(List<Taint> taints, List<Toleration> tolerations) {
        long untolerated = 0;
        for (Taint t : taints) {
            if (Tolerations.PREFER_NO_SCHEDULE.equals(t.effect()) && !Tolerations.anyTolerates(tolerations, t)) {
                untolerated++;
            }
        }
        return untolerated;
    }

    @Override
    public void normalizeScores(CycleState state, Pod pod, long[] scores) {
        ScorePlugin.defaultNormalize(scores, true);
    }

    private static PreferTolerations preferTolerations(Pod pod) {
        List<Toleration> prefer = new ArrayList<>();
        for (Toleration t : pod.spec().tolerations()) {
            if (t.effect() == null || t.effect().isEmpty() || Tolerations.PREFER_NO_SCHEDULE.equals(t.effect())) {
                prefer.add(t);
            }
        }
        return new PreferTolerations(prefer);
    }
}
