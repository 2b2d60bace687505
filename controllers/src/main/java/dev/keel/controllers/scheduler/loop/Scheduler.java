package dev.keel.controllers.scheduler.loop;

import dev.keel.api.client.ConflictException;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.core.Binding;
import dev.keel.api.core.Pod;
import dev.keel.api.workqueue.Ticker;
import dev.keel.controllers.scheduler.Framework;
import dev.keel.controllers.scheduler.ScheduleResult;
import dev.keel.controllers.scheduler.Snapshot;
import dev.keel.controllers.scheduler.cache.SchedulerCache;
import dev.keel.controllers.scheduler.queue.QueueLengths;
import dev.keel.controllers.scheduler.queue.QueuedPod;
import dev.keel.controllers.scheduler.queue.SchedulingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The scheduling loop: pops a pod, runs the {@link Framework} on a snapshot of the {@link SchedulerCache}, and
 * <ul>
 *   <li>on a fit, assumes the pod on the node (so the next cycle counts it) and binds it asynchronously; a failed
 *       bind forgets the assumption and retries the pod after back-off;</li>
 *   <li>on no fit, parks the pod until a cluster event and reports PodScheduled=False with the summary;</li>
 *   <li>on a plugin failure, reports SchedulerError and retries after back-off.</li>
 * </ul>
 * One loop thread runs the cycles; a housekeeping thread flushes back-off, retries long-parked pods and expires
 * lost assumptions. Informer events reach the cache and queue through {@link NodeEvents} and {@link PodEvents}.
 *
 * <p>Owns its threads and watches: {@link #close()} stops them (bounded wait) and is idempotent.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final Duration POP_WAIT = Duration.ofMillis(500);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private static final Duration SYNC_WAIT = Duration.ofMillis(500);

    private final SchedulerClient client;
    private final SchedulerConfig config;
    private final SchedulerMetrics metrics;
    private final Ticker ticker;
    private final Framework framework;
    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final SchedulingReporter reporter;
    private final ScheduledExecutorService housekeeping;
    private final Thread loop;
    private final Supplier<QueueLengths> lengths;
    /** The cycles' snapshot, refreshed in place by the cache before each cycle; confined to the cycle's thread. */
    private Snapshot snapshot;
    /** Watch handles, closed in reverse order; guarded by {@code this}. */
    private final List<AutoCloseable> watches = new ArrayList<>();
    private volatile boolean closed;

    /**
     * A scheduler on {@code client} (not owned: the caller closes it after this), reporting to {@code metrics}.
     */
    public Scheduler(SchedulerClient client, Framework framework, SchedulerConfig config, SchedulerMetrics metrics,
                     Clock clock, Ticker ticker) {
        this.client = Objects.requireNonNull(client, "client");
        this.framework = Objects.requireNonNull(framework, "framework");
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.queue = new SchedulingQueue(config.queue(), ticker);
        this.cache = new SchedulerCache(ticker, config.assumedPodTtl());
        this.reporter = new SchedulingReporter(client, clock);
        this.lengths = queue::lengths;
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "keel-scheduler-housekeeping"));
        this.loop = daemon(this::runLoop, "keel-scheduler-loop");
    }

    /**
     * Starts watching nodes, then pods, then the loop and housekeeping. The loop schedules only once both watches
     * have delivered their initial lists, so no pod is placed on a partial view of the cluster.
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("scheduler " + config.schedulerName() + " is closed");
        }
        metrics.attachQueue(lengths);
        watches.add(client.watchNodes(new NodeEvents(cache, queue)));
        watches.add(client.watchPods(new PodEvents(cache, queue)));
        long every = config.housekeepingEvery().toMillis();
        housekeeping.scheduleWithFixedDelay(this::housekeep, every, every, TimeUnit.MILLISECONDS);
        long parked = config.parkedFlushEvery().toMillis();
        housekeeping.scheduleWithFixedDelay(queue::flushUnschedulableLeftover, parked, parked, TimeUnit.MILLISECONDS);
        loop.start();
        LOG.info("scheduler {} started", config.schedulerName());
    }

    /** Waits until the node and pod watches have delivered their initial lists; false on timeout. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return client.awaitSynced(timeout);
    }

    public QueueLengths queueLengths() {
        return queue.lengths();
    }

    /**
     * One cycle: waits up to {@code wait} for a pod; false if none came. The bind it starts completes later.
     */
    boolean scheduleOne(Duration wait) throws InterruptedException {
        var popped = queue.pop(wait);
        if (popped.isEmpty()) {
            return false;
        }
        QueuedPod qp = popped.get();
        Pod pod = qp.pod();
        snapshot = cache.refresh(snapshot);
        ScheduleResult result = framework.schedule(pod, snapshot);
        if (result instanceof ScheduleResult.Scheduled s) {
            assumeAndBind(qp, s.nodeName());
        } else if (result instanceof ScheduleResult.Unschedulable u) {
            metrics.unschedulable();
            String message = u.fitError().message();
            LOG.debug("pod {} is unschedulable (attempt {}): {}", qp.key(), qp.attempts(), message);
            queue.requeueUnschedulable(qp);
            reporter.failed(pod, SchedulingReporter.UNSCHEDULABLE, message);
        } else if (result instanceof ScheduleResult.Failed f) {
            metrics.error();
            queue.requeueAfterError(qp);
            reporter.failed(pod, SchedulingReporter.SCHEDULER_ERROR, f.message());
        }
        return true;
    }

    /** Back-off flush and assumption expiry; called every {@link SchedulerConfig#housekeepingEvery}. */
    void housekeep() {
        try {
            queue.flushBackoffCompleted();
            cache.cleanupExpired();
        } catch (RuntimeException e) {
            LOG.error("scheduler housekeeping failed", e);
        }
    }

    private void assumeAndBind(QueuedPod qp, String nodeName) {
        Pod pod = qp.pod();
        String key = qp.key();
        try {
            cache.assume(pod, nodeName);
        } catch (IllegalStateException e) {
            // The watch showed the pod bound while it was in flight: nothing left to do.
            LOG.debug("pod {} is already placed, not binding it: {}", key, e.getMessage());
            queue.done(key);
            return;
        }
        if (closed) {
            // Closing (e.g. leadership lost): bind nothing more; the next leader schedules the pod.
            cache.forget(key);
            queue.done(key);
            return;
        }
        client.bind(Binding.of(pod.metadata().namespace(), pod.metadata().name(), nodeName))
                .whenComplete((v, error) -> {
                    if (error == null) {
                        cache.finishBinding(key);
                        queue.done(key);
                        metrics.scheduled(ticker.nanoTime() - qp.firstQueuedNanos());
                        LOG.debug("bound pod {} to node {}", key, nodeName);
                    } else {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        LOG.info("binding pod {} to node {} failed: {}", key, nodeName, cause.toString());
                        metrics.error();
                        cache.forget(key);
                        queue.requeueAfterError(qp);
                        if (!(cause instanceof ConflictException || cause instanceof NotFoundException)) {
                            // A conflict means the pod is bound already (the watch will tell), not-found that it
                            // is gone: neither is worth a condition on the pod.
                            reporter.failed(pod, SchedulingReporter.SCHEDULER_ERROR,
                                    "binding rejected: " + cause.getMessage());
                        }
                    }
                });
    }

    private void runLoop() {
        try {
            while (!closed && !client.awaitSynced(SYNC_WAIT)) {
                LOG.debug("scheduler {} waits for the node and pod lists", config.schedulerName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        while (!closed) {
            try {
                scheduleOne(POP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("scheduling cycle failed", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = watches.size() - 1; i >= 0; i--) {
            try {
                watches.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing a scheduler watch failed", e);
            }
        }
        queue.close();
        metrics.detachQueue(lengths);
        housekeeping.shutdownNow();
        try {
            loop.join(STOP_WAIT.toMillis());
            if (!housekeeping.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("scheduler housekeeping did not stop within {}", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loop.isAlive()) {
            LOG.warn("scheduler loop did not stop within {}", STOP_WAIT);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
