package dev.keel.controllers.nodelifecycle;

import dev.keel.api.core.Pod;
import dev.keel.api.core.Taint;
import dev.keel.api.core.Toleration;
import dev.keel.controllers.scheduler.Tolerations;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * When a pod on a node with NoExecute taints must be evicted (Kubernetes' taint manager). For each NoExecute taint
 * the pod needs a matching toleration; an untolerated taint evicts at once; a toleration without
 * {@code tolerationSeconds} tolerates forever unless another matching one has seconds; otherwise the pod may stay
 * the smallest {@code tolerationSeconds} of its matching tolerations after the taint's {@code timeAdded}. The earliest deadline over all taints wins.
 *
 * <p>The not-ready and unreachable taints count as tolerated for {@code defaultToleration} when the pod has no
 * toleration for them, standing in for the DefaultTolerationSeconds admission plugin (Keel's apiserver does not add
 * those tolerations). Example: unreachable added at 10:00:00, default 300 s, pod without tolerations: evicted at
 * 10:05:00; the same pod tolerating it for 60 s: 10:01:00; tolerating it without seconds: never.
 */
final class TaintEviction {
    private TaintEviction() {
    }

    /**
     * The instant the pod must go, or empty when it may stay. {@code firstSeen} gives the time a taint without
     * {@code timeAdded} was first seen.
     */
    static Optional<Instant> deadline(Pod pod, List<Taint> taints, Duration defaultToleration,
                                      Function<Taint, Instant> firstSeen) {
        Instant earliest = null;
        for (Taint taint : taints) {
            if (!NodeTaints.NO_EXECUTE.equals(taint.effect())) {
                continue;
            }
            Instant added = taint.timeAdded() == null ? firstSeen.apply(taint) : taint.timeAdded();
            Optional<Duration> allowed = allowed(pod.spec().tolerations(), taint, defaultToleration);
            if (allowed.isEmpty()) {
                continue; // tolerated forever
            }
            Instant at = added.plus(allowed.get());
            if (earliest == null || at.isBefore(earliest)) {
                earliest = at;
            }
        }
        return Optional.ofNullable(earliest);
    }

    /** How long the pod may stay on a node with {@code taint}; empty = forever. */
    private static Optional<Duration> allowed(List<Toleration> tolerations, Taint taint, Duration defaultToleration) {
        boolean matched = false;
        Long min = null;
        for (Toleration t : tolerations) {
            if (!Tolerations.tolerates(t, taint)) {
                continue;
            }
            matched = true;
            if (t.tolerationSeconds() != null) {
                min = min == null ? t.tolerationSeconds() : Math.min(min, t.tolerationSeconds());
            }
        }
        if (matched) {
            return min == null ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.max(0, min)));
        }
        return NodeTaints.isOurs(taint) ? Optional.of(defaultToleration) : Optional.of(Duration.ZERO);
    }
}
