package dev.keel.controllers.scheduler.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the {@link SchedulingQueue}.
 *
 * @param initialBackoff       back-off after a pod's first failed attempt (default 1 s); doubles per attempt
 * @param maxBackoff           the back-off never exceeds this (default 10 s)
 * @param unschedulableTimeout a parked unschedulable pod is retried after this long even without a cluster event
 *                             (default 60 s)
 * @param schedulerNames       the {@code spec.schedulerName}s this scheduler serves (default
 *                             {@code default-scheduler}); a pod without one is served (it would be defaulted to
 *                             {@code default-scheduler})
 */
public record QueueConfig(Duration initialBackoff, Duration maxBackoff, Duration unschedulableTimeout,
                          Set<String> schedulerNames) {
    public static final String DEFAULT_SCHEDULER = "default-scheduler";

    public QueueConfig {
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(unschedulableTimeout, "unschedulableTimeout");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below initialBackoff "
                    + initialBackoff);
        }
        schedulerNames = Set.copyOf(schedulerNames);
    }

    public static QueueConfig defaults() {
        return new QueueConfig(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(60),
                Set.of(DEFAULT_SCHEDULER));
    }

    /** These settings serving only {@code name}. */
    public QueueConfig withSchedulerName(String name) {
        return new QueueConfig(initialBackoff, maxBackoff, unschedulableTimeout, Set.of(name));
    }

    /**
     * The back-off before attempt {@code attempts + 1}: {@code initialBackoff * 2^(attempts - 1)}, at most
     * {@code maxBackoff}. With the defaults: 1 s, 2 s, 4 s, 8 s, then 10 s.
     */
    public Duration backoffAfter(int attempts) {
        Duration d = initialBackoff;
        for (int i = 1; i < attempts; i++) {
            d = d.multipliedBy(2);
            if (d.compareTo(maxBackoff) >= 0) {
                return maxBackoff;
            }
        }
        return d;
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
