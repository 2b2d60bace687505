package dev.keel.controllers.scheduler.queue;

import dev.keel.api.core.Pod;

import java.time.Instant;
import java.util.Objects;

/**
 * A pod waiting in (or taken from) the {@link SchedulingQueue}.
 *
 * @param attempts      scheduling attempts so far (a popped pod counts the attempt it is handed out for)
 * @param enqueuedNanos ticker time when the pod last entered the queue or was last requeued after a failure; its
 *                      back-off runs from there
 * @param firstQueuedNanos ticker time when the pod first entered the queue; the end-to-end scheduling latency runs
 *                      from there to its binding
 */
public record QueuedPod(Pod pod, int attempts, long enqueuedNanos, long firstQueuedNanos) {
    public QueuedPod {
        Objects.requireNonNull(pod, "pod");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0, got " + attempts);
        }
    }

    public String key() {
        return pod.metadata().key();
    }

    QueuedPod withPod(Pod newer) {
        return new QueuedPod(newer, attempts, enqueuedNanos, firstQueuedNanos);
    }

    /** {@code creationTimestamp}, or the far future when unset (an unknown age sorts last). */
    Instant createdOrMax() {
        Instant t = pod.metadata().creationTimestamp();
        return t == null ? Instant.MAX : t;
    }

    /** Spec priority, 0 when unset. */
    int priority() {
        Integer p = pod.spec().priority();
        return p == null ? 0 : p;
    }
}
