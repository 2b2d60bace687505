package dev.keel.controllers.scheduler.plugins.ownerspread;

import dev.keel.api.core.Pod;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.meta.OwnerReference;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.NodeScore;
import dev.keel.controllers.scheduler.PreScorePlugin;
import dev.keel.controllers.scheduler.ScorePlugin;
import dev.keel.controllers.scheduler.StateKey;
import dev.keel.controllers.scheduler.Status;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Spreads the pods of one owner (a ReplicaSet, ...) across nodes: a node scores lower the more pods of the same
 * owner it already runs. Raw score = that count; normalised as {@code 100 - 100 * count / maxCount}, so nodes
 * without such pods get 100. The owner is the pod's controller reference (or its first owner reference), compared
 * by namespace, kind and uid (or name when a uid is missing). Pods being deleted are not counted; a pod without
 * owner scores 100 everywhere.
 */
public final class OwnerSpread implements PreScorePlugin, ScorePlugin {
    public static final String NAME = "OwnerSpread";
    private static final StateKey<Owner> OWNER = new StateKey<>(NAME + "/owner", Owner.class);

    /** The owner that counts; {@code kind} empty when the pod has none. */
    record Owner(String namespace, String kind, String id) {
        static final Owner NONE = new Owner("", "", "");

        static Owner of(Pod pod) {
            ObjectMeta m = pod.metadata();
            Optional<OwnerReference> ref = m.controllerRef().or(() -> m.ownerReferences().stream().findFirst());
            return ref.map(r -> new Owner(Objects.toString(m.namespace(), ""), Objects.toString(r.kind(), ""),
                    r.uid() != null && !r.uid().isEmpty() ? r.uid() : Objects.toString(r.name(), ""))).orElse(NONE);
        }

        boolean isNone() {
            return kind.isEmpty() && id.isEmpty();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
        state.write(OWNER, Owner.of(pod));
        return Status.success();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        Owner owner = state.computeIfAbsent(OWNER, () -> Owner.of(pod));
        if (owner.isNone()) {
            return 0;
        }
        return node.pods().stream()
                .filter(p -> p.metadata().deletionTimestamp() == null)
                .filter(p -> owner.equals(Owner.of(p)))
                .count();
    }

    @Override
    public List<NodeScore> normalizeScores(CycleState state, Pod pod, List<NodeScore> scores) {
        return NodeScore.normalize(scores, true);
    }
}
