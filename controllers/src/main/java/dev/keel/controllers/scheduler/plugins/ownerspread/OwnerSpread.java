package dev.keel.controllers.scheduler.plugins.ownerspread;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.OwnerKey;
import dev.keel.controllers.scheduler.PreScorePlugin;
import dev.keel.controllers.scheduler.ScorePlugin;
import dev.keel.controllers.scheduler.StateKey;
import dev.keel.controllers.scheduler.Status;

import java.util.List;
import java.util.Optional;

/**
 * Spreads the pods of one owner (a ReplicaSet, ...) across nodes: a node scores lower the more pods of the same
 * {@link OwnerKey} it already runs. Raw score = that count (pods being deleted excluded); normalised as
 * {@code 100 - 100 * count / maxCount}, so nodes without such pods get 100. A pod without owner would score 100
 * everywhere, so its pre-score skips the score.
 */
public final class OwnerSpread implements PreScorePlugin, ScorePlugin {
    public static final String NAME = "OwnerSpread";
    private static final StateKey<Owner> OWNER = new StateKey<>(NAME + "/owner", Owner.class);

    private record Owner(Optional<OwnerKey> key) {
        static Owner of(Pod pod) {
            return new Owner(OwnerKey.of(pod));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
        Owner owner = Owner.of(pod);
        if (owner.key().isEmpty()) {
            return Status.skip();
        }
        state.write(OWNER, owner);
        return Status.success();
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo node) {
        Optional<OwnerKey> owner = state.computeIfAbsent(OWNER, pod, Owner::of).key();
        return owner.map(node::podsOwnedBy).orElse(0);
    }

    @Override
    public void normalizeScores(CycleState state, Pod pod, long[] scores) {
        ScorePlugin.defaultNormalize(scores, true);
    }
}
