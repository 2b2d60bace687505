package dev.keel.controllers.replicaset;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link ReplicaSetController}.
 *
 * @param workers         concurrent syncs (different ReplicaSets; one ReplicaSet is never synced twice at once),
 *                        default 5
 * @param burstReplicas   most pods created or deleted for one ReplicaSet in one sync (default 500)
 * @param expectationsTtl how long the controller waits for its informer to show the pods it created or deleted
 *                        before acting again anyway (default 5 min, as Kubernetes)
 */
public record ReplicaSetControllerConfig(int workers, int burstReplicas, Duration expectationsTtl) {
    public ReplicaSetControllerConfig {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (burstReplicas < 1) {
            throw new IllegalArgumentException("burstReplicas must be at least 1, got " + burstReplicas);
        }
        Objects.requireNonNull(expectationsTtl, "expectationsTtl");
    }

    public static ReplicaSetControllerConfig defaults() {
        return new ReplicaSetControllerConfig(5, 500, Duration.ofMinutes(5));
    }

    public ReplicaSetControllerConfig withWorkers(int n) {
        return new ReplicaSetControllerConfig(n, burstReplicas, expectationsTtl);
    }
}
