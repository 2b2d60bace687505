package dev.keel.node.probe;

import dev.keel.api.core.Probe;

import java.time.Duration;

/**
 * A probe's timing with the Kubernetes defaults filled in: initial delay 0 s, period 10 s, timeout 1 s, success
 * threshold 1, failure threshold 3. Values below the minimum (period and timeout 1 s, thresholds 1) are raised to
 * it, as validation would have required.
 */
record ProbeTiming(Duration initialDelay, Duration period, Duration timeout, int successThreshold,
                   int failureThreshold) {
    static ProbeTiming of(Probe p) {
        return new ProbeTiming(
                Duration.ofSeconds(orDefault(p.initialDelaySeconds(), 0, 0)),
                Duration.ofSeconds(orDefault(p.periodSeconds(), 10, 1)),
                Duration.ofSeconds(orDefault(p.timeoutSeconds(), 1, 1)),
                orDefault(p.successThreshold(), 1, 1),
                orDefault(p.failureThreshold(), 3, 1));
    }

    private static int orDefault(Integer v, int dflt, int min) {
        return v == null ? dflt : Math.max(min, v);
    }
}
