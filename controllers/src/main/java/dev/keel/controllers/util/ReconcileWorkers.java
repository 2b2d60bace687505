package dev.keel.controllers.util;

import dev.keel.api.client.ApiException;
import dev.keel.api.client.ConflictException;
import dev.keel.api.workqueue.ExponentialBackoff;
import dev.keel.api.workqueue.RateLimitingQueue;
import dev.keel.api.workqueue.Ticker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The worker side of a controller: a de-duplicating, rate-limited queue of keys and {@code workers} threads that
 * take a key, call the {@link Reconciler} and decide what happens next (sample-controller's
 * {@code processNextWorkItem}): success forgets the key's backoff; a {@link Reconciler.PermanentError} is logged and
 * dropped; any other failure re-adds the key after an exponential backoff (5 ms doubling up to
 * {@code maxBackoff}), and after {@code maxRetries} consecutive failures the key is dropped until its next event.
 * The key is always marked done.
 *
 * <p>Metrics: {@code keel_controller_sync_seconds{controller,result}} (result success, error or dropped) and
 * {@code keel_controller_queue_depth{controller}}.
 *
 * <p>{@link #close()} shuts the queue down and waits (bounded) for the workers.
 */
public final class ReconcileWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileWorkers.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final int workers;
    private final int maxRetries;
    private final Reconciler reconciler;
    private final RateLimitingQueue<String> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final MeterRegistry metrics;

    public ReconcileWorkers(String name, int workers, int maxRetries, Duration maxBackoff, Ticker ticker,
                            Reconciler reconciler, MeterRegistry metrics) {
        if (workers < 1) {
            throw new IllegalArgumentException(name + ": workers must be at least 1, got " + workers);
        }
        this.name = name;
        this.workers = workers;
        this.maxRetries = maxRetries;
        this.reconciler = reconciler;
        this.queue = new RateLimitingQueue<>(ticker, new ExponentialBackoff<>(Duration.ofMillis(5), maxBackoff));
        this.metrics = metrics;
        Gauge.builder("keel_controller_queue_depth", queue, RateLimitingQueue::length)
                .description("keys waiting for a worker").tag("controller", name).register(metrics);
    }

    public void add(String key) {
        queue.add(key);
    }

    public void addAfter(String key, Duration delay) {
        queue.addAfter(key, delay);
    }

    /** Keys waiting to be processed (not counting delayed ones). */
    public int length() {
        return queue.length();
    }

    public synchronized void start() {
        if (!threads.isEmpty()) {
            return;
        }
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::run, "keel-" + name + "-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void run() {
        while (!queue.isShuttingDown()) {
            String key;
            try {
                var next = queue.get(POLL);
                if (next.isEmpty()) {
                    continue;
                }
                key = next.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                process(key);
            } finally {
                queue.done(key);
            }
        }
    }

    private void process(String key) {
        long start = System.nanoTime();
        String result = "error";
        try {
            reconciler.reconcile(key);
            queue.forget(key);
            result = "success";
        } catch (Reconciler.PermanentError e) {
            result = "dropped";
            LOG.warn("{}: dropping {}: {}", name, key, e.getMessage());
            queue.forget(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (queue.isShuttingDown()) {
                return;
            }
            int n = queue.numRequeues(key);
            if (n >= maxRetries) {
                LOG.warn("{}: dropping {} after {} retries: {}", name, key, n, describe(e));
                queue.forget(key);
                return;
            }
            if (e instanceof ConflictException) {
                LOG.debug("{}: syncing {} met a conflict (a stale cache), retrying: {}", name, key, e.getMessage());
            } else if (e instanceof ApiException) {
                LOG.info("{}: syncing {} failed, retrying: {}", name, key, describe(e));
            } else {
                LOG.error("{}: syncing {} failed, retrying", name, key, e);
            }
            queue.addRateLimited(key);
        } finally {
            Timer.builder("keel_controller_sync_seconds").description("reconcile calls by result")
                    .tags("controller", name, "result", result).register(metrics)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public synchronized void close() {
        queue.shutDown();
        for (Thread t : threads) {
            t.interrupt();
        }
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.warn("{}: worker {} did not stop within {}", name, t.getName(), STOP_WAIT);
            }
        }
    }
}
