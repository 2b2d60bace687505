package dev.keel.controllers.scheduler.loop;

import dev.keel.controllers.scheduler.queue.QueueConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link Scheduler} loop.
 *
 * @param schedulerName     reported as the event source and reporting component (default "default-scheduler")
 * @param queue             the scheduling queue's back-off and parking settings
 * @param assumedPodTtl     how long an assumed pod whose bind returned may stay unconfirmed by the watch
 *                          (default 30 s)
 * @param housekeepingEvery how often back-off, parked pods and expired assumptions are checked (default 1 s)
 * @param parkedFlushEvery  how often pods parked past {@link QueueConfig#unschedulableTimeout} are retried
 *                          (default 30 s)
 */
public record SchedulerConfig(String schedulerName, QueueConfig queue, Duration assumedPodTtl,
                              Duration housekeepingEvery, Duration parkedFlushEvery) {
    public SchedulerConfig {
        Objects.requireNonNull(schedulerName, "schedulerName");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(assumedPodTtl, "assumedPodTtl");
        Objects.requireNonNull(housekeepingEvery, "housekeepingEvery");
        Objects.requireNonNull(parkedFlushEvery, "parkedFlushEvery");
    }

    public static SchedulerConfig defaults() {
        return new SchedulerConfig(QueueConfig.DEFAULT_SCHEDULER, QueueConfig.defaults(), Duration.ofSeconds(30),
                Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** These settings for a scheduler named {@code name}, serving pods of that {@code spec.schedulerName}. */
    public SchedulerConfig withSchedulerName(String name) {
        return new SchedulerConfig(name, queue.withSchedulerName(name), assumedPodTtl, housekeepingEvery,
                parkedFlushEvery);
    }

    public SchedulerConfig withQueue(QueueConfig q) {
        return new SchedulerConfig(schedulerName, q, assumedPodTtl, housekeepingEvery, parkedFlushEvery);
    }
}
