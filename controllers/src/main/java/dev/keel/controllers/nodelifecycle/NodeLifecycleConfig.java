package dev.keel.controllers.nodelifecycle;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link NodeLifecycleController} (kube-controller-manager's flags in brackets).
 *
 * @param gracePeriod         a node whose heartbeat (Lease renewTime or Ready lastHeartbeatTime) has not changed for
 *                            this long is marked Unknown (--node-monitor-grace-period, default 40 s)
 * @param podEvictionTimeout  the tolerationSeconds of a pod that has no toleration for the not-ready/unreachable
 *                            NoExecute taints, as the DefaultTolerationSeconds admission plugin would add (default
 *                            300 s)
 * @param monitorPeriod       how often every node is checked (--node-monitor-period, default 5 s)
 * @param workers             reconcile workers (default 1)
 */
public record NodeLifecycleConfig(Duration gracePeriod, Duration podEvictionTimeout, Duration monitorPeriod,
                                  int workers) {
    public NodeLifecycleConfig {
        positive(gracePeriod, "gracePeriod");
        Objects.requireNonNull(podEvictionTimeout, "podEvictionTimeout");
        if (podEvictionTimeout.isNegative()) {
            throw new IllegalArgumentException("podEvictionTimeout must not be negative, got " + podEvictionTimeout);
        }
        positive(monitorPeriod, "monitorPeriod");
        if (workers <= 0) {
            throw new IllegalArgumentException("node lifecycle workers must be positive, got " + workers);
        }
    }

    public static NodeLifecycleConfig defaults() {
        return new NodeLifecycleConfig(Duration.ofSeconds(40), Duration.ofSeconds(300), Duration.ofSeconds(5), 1);
    }

    public NodeLifecycleConfig withGracePeriod(Duration d) {
        return new NodeLifecycleConfig(d, podEvictionTimeout, monitorPeriod, workers);
    }

    public NodeLifecycleConfig withPodEvictionTimeout(Duration d) {
        return new NodeLifecycleConfig(gracePeriod, d, monitorPeriod, workers);
    }

    public NodeLifecycleConfig withMonitorPeriod(Duration d) {
        return new NodeLifecycleConfig(gracePeriod, podEvictionTimeout, d, workers);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
