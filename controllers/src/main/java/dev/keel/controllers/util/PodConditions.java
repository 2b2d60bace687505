package dev.keel.controllers.util;

import dev.keel.api.core.Pod;
import dev.keel.api.meta.Condition;

import java.time.Instant;
import java.util.Optional;

/** Pod readiness and availability as the ReplicaSet and Deployment controllers judge them. */
public final class PodConditions {
    public static final String READY = "Ready";

    private PodConditions() {
    }

    public static Optional<Condition> ready(Pod pod) {
        return pod.status().conditions().stream().filter(c -> READY.equals(c.type())).findFirst();
    }

    /** The pod's Ready condition is True. */
    public static boolean isReady(Pod pod) {
        return ready(pod).map(Condition::isTrue).orElse(false);
    }

    /**
     * Ready for at least {@code minReadySeconds} at {@code now} (Kubernetes' {@code IsPodAvailable}); with 0, ready
     * is enough. A Ready condition without a transition time counts as not yet available when a minimum is set.
     */
    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        Optional<Condition> c = ready(pod);
        if (c.isEmpty() || !c.get().isTrue()) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        Instant since = c.get().lastTransitionTime();
        return since != null && !since.plusSeconds(minReadySeconds).isAfter(now);
    }

    /** Not terminal (Succeeded/Failed) and not being deleted: counts toward an owner's replicas. */
    public static boolean isActive(Pod pod) {
        String phase = pod.status().phase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase) && pod.metadata().deletionTimestamp() == null;
    }
}
