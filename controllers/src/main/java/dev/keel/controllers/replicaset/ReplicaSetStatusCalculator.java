package dev.keel.controllers.replicaset;

import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.apps.ReplicaSetStatus;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.Condition;
import dev.keel.api.selector.Selector;
import dev.keel.controllers.util.PodConditions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A ReplicaSet's status from the pods it owns (active ones only): replicas, fullyLabeledReplicas (pods carrying
 * every template label), readyReplicas, availableReplicas (ready for minReadySeconds), observedGeneration, and a
 * ReplicaFailure condition while creating or deleting pods fails.
 */
final class ReplicaSetStatusCalculator {
    static final String REPLICA_FAILURE = "ReplicaFailure";

    private ReplicaSetStatusCalculator() {
    }

    /**
     * @param manageError the failure of this sync's creates or deletes, or {@code null}
     * @param creating    whether the failed step was creating (else deleting)
     */
    static ReplicaSetStatus calculate(ReplicaSet rs, List<Pod> owned, Exception manageError, boolean creating,
                                      Instant now) {
        Selector templateLabels = Selector.matchingLabels(rs.spec().template().metadata().labels());
        int minReady = rs.spec().minReadySeconds() == null ? 0 : rs.spec().minReadySeconds();
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Pod p : owned) {
            if (templateLabels.matches(p.metadata().labels())) {
                fullyLabeled++;
            }
            if (PodConditions.isReady(p)) {
                ready++;
                if (PodConditions.isAvailable(p, minReady, now)) {
                    available++;
                }
            }
        }
        List<Condition> conditions = new ArrayList<>(rs.status().conditions());
        boolean hasFailure = conditions.stream().anyMatch(c -> REPLICA_FAILURE.equals(c.type()));
        if (manageError != null && !hasFailure) {
            conditions.add(Condition.of(REPLICA_FAILURE, true, now, creating ? "FailedCreate" : "FailedDelete",
                    manageError.getMessage()));
        } else if (manageError == null && hasFailure) {
            conditions.removeIf(c -> REPLICA_FAILURE.equals(c.type()));
        }
        return new ReplicaSetStatus(owned.size(), fullyLabeled, ready, available, rs.metadata().generation(),
                conditions, rs.status().unknownFields());
    }

    /** True when {@code next} differs from what {@code rs} already reports. */
    static boolean changed(ReplicaSet rs, ReplicaSetStatus next) {
        ReplicaSetStatus cur = rs.status();
        return !Objects.equals(cur.replicas(), next.replicas())
                || !Objects.equals(cur.fullyLabeledReplicas(), next.fullyLabeledReplicas())
                || !Objects.equals(cur.readyReplicas(), next.readyReplicas())
                || !Objects.equals(cur.availableReplicas(), next.availableReplicas())
                || !Objects.equals(cur.observedGeneration(), next.observedGeneration())
                || !cur.conditions().equals(next.conditions());
    }
}
