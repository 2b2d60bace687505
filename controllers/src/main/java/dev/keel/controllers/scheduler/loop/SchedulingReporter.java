package dev.keel.controllers.scheduler.loop;

import dev.keel.api.core.Pod;
import dev.keel.api.meta.Condition;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/**
 * Tells people why a pod is not scheduled: the {@code PodScheduled=False} condition (reason Unschedulable or
 * SchedulerError, message the summary) and a Warning Event "FailedScheduling", as kube-scheduler writes them.
 * The condition is written only when it changes (a pod retried with the same outcome costs no write), keeping its
 * transition time while the status stays False. Fire and forget: a failed write is logged; the next attempt writes
 * again.
 */
final class SchedulingReporter {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulingReporter.class);
    static final String POD_SCHEDULED = "PodScheduled";
    static final String UNSCHEDULABLE = "Unschedulable";
    static final String SCHEDULER_ERROR = "SchedulerError";
    static final String FAILED_SCHEDULING = "FailedScheduling";

    private final SchedulerClient client;
    private final Clock clock;

    SchedulingReporter(SchedulerClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void failed(Pod pod, String reason, String message) {
        String key = pod.metadata().key();
        client.warning(pod, FAILED_SCHEDULING, message);
        var existing = pod.status().conditions().stream().filter(c -> POD_SCHEDULED.equals(c.type())).findFirst();
        if (existing.isPresent() && "False".equals(existing.get().status())
                && reason.equals(existing.get().reason()) && message.equals(existing.get().message())) {
            return;
        }
        Instant since = existing.filter(c -> "False".equals(c.status()) && c.lastTransitionTime() != null)
                .map(Condition::lastTransitionTime).orElse(clock.instant());
        client.updatePodCondition(pod, Condition.of(POD_SCHEDULED, false, since, reason, message))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        LOG.warn("could not write the PodScheduled condition of pod {}: {}", key, e.toString());
                    }
                });
    }
}
