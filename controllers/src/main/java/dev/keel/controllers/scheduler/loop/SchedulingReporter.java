package dev.keel.controllers.scheduler.loop;

import dev.keel.api.core.Event;
import dev.keel.api.core.EventSource;
import dev.keel.api.core.ObjectReference;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.Condition;
import dev.keel.api.meta.ObjectMeta;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells people why a pod is not scheduled: the {@code PodScheduled=False} condition (reason Unschedulable or
 * SchedulerError, message the summary) and a Warning Event "FailedScheduling", as kube-scheduler writes them.
 * Fire and forget: a failed write is logged; the next attempt writes again.
 */
final class SchedulingReporter {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulingReporter.class);
    static final String POD_SCHEDULED = "PodScheduled";
    static final String UNSCHEDULABLE = "Unschedulable";
    static final String SCHEDULER_ERROR = "SchedulerError";
    static final String FAILED_SCHEDULING = "FailedScheduling";

    private final SchedulerClient client;
    private final String component;
    private final Clock clock;
    /** Makes event names unique within this process, as the timestamp suffix does in Kubernetes. */
    private final AtomicLong eventSequence = new AtomicLong();

    SchedulingReporter(SchedulerClient client, String component, Clock clock) {
        this.client = client;
        this.component = component;
        this.clock = clock;
    }

    void failed(Pod pod, String reason, String message) {
        String key = pod.metadata().key();
        Instant now = clock.instant();
        client.updatePodCondition(pod, Condition.of(POD_SCHEDULED, false, now, reason, message))
                .whenComplete((v, e) -> logFailure(e, "condition", key));
        client.recordEvent(event(pod, now, message)).whenComplete((v, e) -> logFailure(e, "event", key));
    }

    private Event event(Pod pod, Instant now, String message) {
        ObjectMeta pm = pod.metadata();
        String name = pm.name() + "." + Long.toHexString(now.toEpochMilli()) + Long.toHexString(eventSequence.incrementAndGet());
        ObjectReference involved = new ObjectReference("v1", "Pod", pm.namespace(), pm.name(), pm.uid(),
                pm.resourceVersion(), null, Map.of());
        return new Event(null, null, ObjectMeta.of(pm.namespace(), name), involved, FAILED_SCHEDULING, message,
                new EventSource(component, null, Map.of()), now, now, 1, "Warning", null, null, component, null,
                Map.of());
    }

    private static void logFailure(Throwable e, String what, String podKey) {
        if (e != null) {
            LOG.warn("could not write the scheduling {} of pod {}: {}", what, podKey, e.toString());
        }
    }
}
