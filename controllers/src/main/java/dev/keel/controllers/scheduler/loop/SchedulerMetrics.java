package dev.keel.controllers.scheduler.loop;

import dev.keel.controllers.scheduler.queue.QueueLengths;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The scheduler's meters, named as kube-scheduler's (Prometheus names in brackets):
 * <ul>
 *   <li>{@code scheduler.schedule.attempts} [{@code scheduler_schedule_attempts_total}] by {@code result}:
 *       {@code scheduled} (bound), {@code unschedulable} (fitted no node), {@code error} (plugin failure or failed
 *       bind);</li>
 *   <li>{@code scheduler.e2e.scheduling.duration} [{@code scheduler_e2e_scheduling_duration_seconds}]: from the
 *       pod's first entry into the queue to its successful binding, as a histogram;</li>
 *   <li>{@code scheduler.pending.pods} [{@code scheduler_pending_pods}] by {@code queue}: {@code active},
 *       {@code backoff}, {@code unschedulable}.</li>
 * </ul>
 * Outlives the {@link Scheduler}s that report to it (one per leadership term): the gauges read whichever queue is
 * attached, and 0 while none is. Thread-safe.
 */
public final class SchedulerMetrics {
    private static final QueueLengths NONE = new QueueLengths(0, 0, 0, 0);

    private final Counter scheduled;
    private final Counter unschedulable;
    private final Counter error;
    private final Timer e2e;
    private final AtomicReference<Supplier<QueueLengths>> queue = new AtomicReference<>(() -> NONE);

    public SchedulerMetrics(MeterRegistry registry) {
        scheduled = attempts(registry, "scheduled");
        unschedulable = attempts(registry, "unschedulable");
        error = attempts(registry, "error");
        e2e = Timer.builder("scheduler.e2e.scheduling.duration")
                .description("From a pod's first entry into the scheduling queue to its binding")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        pending(registry, "active", QueueLengths::active);
        pending(registry, "backoff", QueueLengths::backoff);
        pending(registry, "unschedulable", QueueLengths::unschedulable);
    }

    private static Counter attempts(MeterRegistry registry, String result) {
        return Counter.builder("scheduler.schedule.attempts").tag("result", result)
                .description("Scheduling attempts by result").register(registry);
    }

    private void pending(MeterRegistry registry, String name, ToIntFunction<QueueLengths> field) {
        Gauge.builder("scheduler.pending.pods", () -> field.applyAsInt(queue.get().get())).tag("queue", name)
                .description("Pods waiting in each part of the scheduling queue").register(registry);
    }

    void attachQueue(Supplier<QueueLengths> lengths) {
        queue.set(lengths);
    }

    /** Detaches {@code lengths} if it is still the attached one. */
    void detachQueue(Supplier<QueueLengths> lengths) {
        queue.compareAndSet(lengths, () -> NONE);
    }

    void scheduled(long e2eNanos) {
        scheduled.increment();
        e2e.record(e2eNanos, TimeUnit.NANOSECONDS);
    }

    void unschedulable() {
        unschedulable.increment();
    }

    void error() {
        error.increment();
    }

    /** Successful bindings so far (for tests and the benchmark). */
    public long scheduledCount() {
        return (long) scheduled.count();
    }
}
