package dev.keel.controllers.deployment;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.DeploymentStatus;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.meta.Condition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's status from its ReplicaSets' statuses, and the rollout predicates on it (Kubernetes'
 * {@code calculateStatus}, {@code DeploymentComplete}, {@code DeploymentProgressing}, {@code DeploymentTimedOut}).
 */
final class DeploymentStatuses {
    private DeploymentStatuses() {
    }

    static DeploymentStatus calculate(Deployment d, ReplicaSet newRS, List<ReplicaSet> all, Instant now) {
        int available = ReplicaSets.availableSum(all);
        int total = ReplicaSets.specSum(all);
        int unavailable = Math.max(0, total - available);
        DeploymentStatus s = d.status().toBuilder()
                .observedGeneration(generation(d))
                .replicas(ReplicaSets.actualSum(all))
                .updatedReplicas(newRS == null ? 0 : ReplicaSets.statusReplicas(newRS))
                .readyReplicas(ReplicaSets.readySum(all))
                .availableReplicas(available)
                .unavailableReplicas(unavailable)
                .conditions(new ArrayList<>(d.status().conditions()))
                .build();
        int replicas = Fenceposts.replicas(d);
        if (available >= replicas - Fenceposts.maxUnavailable(d)) {
            s = DeploymentConditions.set(s, DeploymentConditions.of(DeploymentConditions.AVAILABLE, "True",
                    DeploymentConditions.MIN_AVAILABLE, "Deployment has minimum availability.", now));
        } else {
            s = DeploymentConditions.set(s, DeploymentConditions.of(DeploymentConditions.AVAILABLE, "False",
                    DeploymentConditions.MIN_UNAVAILABLE, "Deployment does not have minimum availability.", now));
        }
        return s;
    }

    static long generation(Deployment d) {
        return d.metadata().generation() == null ? 0 : d.metadata().generation();
    }

    static int n(Integer v) {
        return v == null ? 0 : v;
    }

    /** Every replica is updated and available, nothing old is left, and the status describes the current spec. */
    static boolean complete(Deployment d, DeploymentStatus s) {
        int replicas = Fenceposts.replicas(d);
        return n(s.updatedReplicas()) == replicas && n(s.replicas()) == replicas
                && n(s.availableReplicas()) == replicas
                && (s.observedGeneration() == null ? 0 : s.observedGeneration()) >= generation(d);
    }

    /** {@code next} shows progress over the Deployment's current status. */
    static boolean progressing(Deployment d, DeploymentStatus next) {
        DeploymentStatus old = d.status();
        int oldOld = n(old.replicas()) - n(old.updatedReplicas());
        int newOld = n(next.replicas()) - n(next.updatedReplicas());
        return n(next.updatedReplicas()) > n(old.updatedReplicas()) || newOld < oldOld
                || n(next.readyReplicas()) > n(old.readyReplicas())
                || n(next.availableReplicas()) > n(old.availableReplicas());
    }

    static boolean hasProgressDeadline(Deployment d) {
        Integer p = d.spec().progressDeadlineSeconds();
        return p != null && p != Integer.MAX_VALUE;
    }

    /** The Progressing condition was last updated more than progressDeadlineSeconds ago without completing. */
    static boolean timedOut(Deployment d, DeploymentStatus s, Instant now) {
        if (!hasProgressDeadline(d)) {
            return false;
        }
        Optional<Condition> c = DeploymentConditions.get(s, DeploymentConditions.PROGRESSING);
        if (c.isEmpty()) {
            return false;
        }
        String reason = c.get().reason();
        if (DeploymentConditions.NEW_RS_AVAILABLE.equals(reason)) {
            return false;
        }
        if (DeploymentConditions.TIMED_OUT.equals(reason)) {
            return true;
        }
        Instant from = c.get().lastUpdateTime();
        return from != null && from.plusSeconds(d.spec().progressDeadlineSeconds()).isBefore(now);
    }
}
