package dev.keel.controllers.deployment;

import dev.keel.api.apps.DeploymentStatus;
import dev.keel.api.meta.Condition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Progressing, Available and ReplicaFailure conditions of a Deployment and how they are set. */
final class DeploymentConditions {
    static final String PROGRESSING = "Progressing";
    static final String AVAILABLE = "Available";
    static final String REPLICA_FAILURE = "ReplicaFailure";

    static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    static final String RS_UPDATED = "ReplicaSetUpdated";
    static final String NEW_RS_CREATED = "NewReplicaSetCreated";
    static final String FOUND_NEW_RS = "FoundNewReplicaSet";
    static final String FAILED_RS_CREATE = "ReplicaSetCreateError";
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    static final String PAUSED = "DeploymentPaused";
    static final String RESUMED = "DeploymentResumed";
    static final String MIN_AVAILABLE = "MinimumReplicasAvailable";
    static final String MIN_UNAVAILABLE = "MinimumReplicasUnavailable";

    private DeploymentConditions() {
    }

    /** A Deployment condition: both timestamps {@code now} (Deployment conditions carry update and transition). */
    static Condition of(String type, String status, String reason, String message, Instant now) {
        return new Condition(type, status, null, null, now, now, reason, message, Map.of());
    }

    static Optional<Condition> get(DeploymentStatus s, String type) {
        return s.conditions().stream().filter(c -> type.equals(c.type())).findFirst();
    }

    /**
     * {@code s} with {@code c} set (Kubernetes' SetDeploymentCondition): unchanged if a condition of the type has
     * the same status and reason; the transition time is kept when only the reason changes.
     */
    static DeploymentStatus set(DeploymentStatus s, Condition c) {
        Optional<Condition> cur = get(s, c.type());
        if (cur.isPresent() && cur.get().status().equals(c.status()) && String.valueOf(cur.get().reason())
                .equals(String.valueOf(c.reason()))) {
            return s;
        }
        Condition next = c;
        if (cur.isPresent() && cur.get().status().equals(c.status())) {
            next = new Condition(c.type(), c.status(), null, null, c.lastUpdateTime(),
                    cur.get().lastTransitionTime(), c.reason(), c.message(), Map.of());
        }
        List<Condition> out = new ArrayList<>();
        for (Condition e : s.conditions()) {
            if (!e.type().equals(c.type())) {
                out.add(e);
            }
        }
        out.add(next);
        return s.toBuilder().conditions(out).build();
    }

    static DeploymentStatus remove(DeploymentStatus s, String type) {
        List<Condition> out = new ArrayList<>();
        for (Condition e : s.conditions()) {
            if (!e.type().equals(type)) {
                out.add(e);
            }
        }
        return s.toBuilder().conditions(out).build();
    }
}
