package dev.keel.controllers.deployment;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.RollingUpdateDeployment;
import dev.keel.api.meta.IntOrString;

/**
 * maxSurge and maxUnavailable of a rolling update resolved against the desired replicas, as Kubernetes'
 * {@code ResolveFenceposts}: surge rounds up, unavailable rounds down, and if both come out 0 unavailable becomes 1
 * so the rollout can move. Recreate deployments have neither.
 */
final class Fenceposts {
    static final String RECREATE = "Recreate";
    static final String ROLLING_UPDATE = "RollingUpdate";
    private static final IntOrString QUARTER = IntOrString.of("25%");

    private Fenceposts() {
    }

    static boolean isRollingUpdate(Deployment d) {
        return d.spec().strategy() == null || !RECREATE.equals(d.spec().strategy().type());
    }

    static int replicas(Deployment d) {
        return d.spec().replicas() == null ? 1 : d.spec().replicas();
    }

    static int maxSurge(Deployment d) {
        if (!isRollingUpdate(d)) {
            return 0;
        }
        return resolve(d)[0];
    }

    /** maxUnavailable, never above the desired replicas; 0 for Recreate or zero replicas. */
    static int maxUnavailable(Deployment d) {
        int replicas = replicas(d);
        if (!isRollingUpdate(d) || replicas == 0) {
            return 0;
        }
        return Math.min(resolve(d)[1], replicas);
    }

    private static int[] resolve(Deployment d) {
        RollingUpdateDeployment ru = d.spec().strategy() == null ? null : d.spec().strategy().rollingUpdate();
        IntOrString surge = ru == null || ru.maxSurge() == null ? QUARTER : ru.maxSurge();
        IntOrString unavailable = ru == null || ru.maxUnavailable() == null ? QUARTER : ru.maxUnavailable();
        int desired = replicas(d);
        int s = surge.scaledValue(desired, true);
        int u = unavailable.scaledValue(desired, false);
        if (s == 0 && u == 0) {
            u = 1;
        }
        return new int[] {s, u};
    }
}
