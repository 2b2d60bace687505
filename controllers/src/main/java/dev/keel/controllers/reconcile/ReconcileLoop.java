package dev.keel.controllers.reconcile;

import dev.keel.api.client.ApiException;
import dev.keel.api.workqueue.ExponentialBackoff;
import dev.keel.api.workqueue.RateLimitingQueue;
import dev.keel.api.workqueue.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A work queue and its workers for one controller, the loop of client-go's sample controller: event handlers
 * {@link #enqueue} keys; each worker takes a key, runs the {@link Reconciler}, and then forgets the key's failures
 * (success), re-adds it after the asked delay ({@link ReconcileResult.RequeueAfter}), or re-adds it with
 * per-key exponential backoff (it threw), giving up after {@link #MAX_RETRIES} consecutive failures (logged; the
 * next change of the object enqueues it again). The queue never hands a key to two workers at once.
 *
 * <p>Metrics (tag {@code name}/{@code controller} = the controller's name): {@code workqueue_depth},
 * {@code workqueue_adds_total}, {@code controller_reconcile_total{result=success|requeue|error}} and
 * {@code controller_reconcile_duration_seconds}.
 *
 * <p>Keys may be enqueued before {@link #start()}; they wait. {@link #close()} stops the workers (bounded wait) and
 * drops what is queued. Thread-safe.
 */
public final class ReconcileLoop implements AutoCloseable {
    /** Consecutive failures of one key before it is dropped (client-go controllers use 15). */
    public static final int MAX_RETRIES = 15;
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);
    private static final Duration GET_WAIT = Duration.ofMillis(500);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final int workers;
    private final Reconciler reconciler;
    private final RateLimitingQueue<String> queue;
    private final MeterRegistry metrics;
    private final Gauge depth;
    private final Counter adds;
    private final Counter successes;
    private final Counter requeues;
    private final Counter errors;
    private final Timer duration;
    /** Worker threads; guarded by {@code this}. */
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    public ReconcileLoop(String name, int workers, Reconciler reconciler, MeterRegistry metrics, Ticker ticker) {
        if (workers <= 0) {
            throw new IllegalArgumentException(name + ": workers must be positive, got " + workers);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.workers = workers;
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        this.queue = new RateLimitingQueue<>(ticker, new ExponentialBackoff<>(Duration.ofMillis(5),
                Duration.ofSeconds(1000)));
        this.metrics = metrics;
        this.depth = Gauge.builder("workqueue.depth", queue, RateLimitingQueue::length).tag("name", name)
                .description("keys waiting in the controller's work queue").register(metrics);
        this.adds = Counter.builder("workqueue.adds").tag("name", name).description("keys added").register(metrics);
        this.successes = result(metrics, "success");
        this.requeues = result(metrics, "requeue");
        this.errors = result(metrics, "error");
        this.duration = Timer.builder("controller.reconcile.duration").tag("controller", name)
                .description("time per reconcile").register(metrics);
    }

    private Counter result(MeterRegistry metrics, String result) {
        return Counter.builder("controller.reconcile").tags("controller", name, "result", result)
                .description("reconciles by result").register(metrics);
    }

    public String name() {
        return name;
    }

    /** Asks for {@code key} to be reconciled (once, however often it is asked before a worker takes it). */
    public void enqueue(String key) {
        adds.increment();
        queue.add(key);
    }

    /** Asks for {@code key} to be reconciled after {@code delay}. */
    public void enqueueAfter(String key, Duration delay) {
        adds.increment();
        queue.addAfter(key, delay);
    }

    /** Keys ready to be handed to a worker. */
    public int depth() {
        return queue.length();
    }

    /** Starts the workers; a second call does nothing. */
    public synchronized void start() {
        if (closed || !threads.isEmpty()) {
            return;
        }
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, "keel-" + name + "-worker-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void work() {
        while (!closed) {
            Optional<String> next;
            try {
                next = queue.get(GET_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next.isEmpty()) {
                continue;
            }
            String key = next.get();
            try {
                process(key);
            } finally {
                queue.done(key);
            }
        }
    }

    private void process(String key) {
        Timer.Sample sample = Timer.start();
        try {
            ReconcileResult r = reconciler.reconcile(key);
            queue.forget(key);
            if (r instanceof ReconcileResult.RequeueAfter after) {
                requeues.increment();
                queue.addAfter(key, after.delay());
            } else {
                successes.increment();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            errors.increment();
            failed(key, e);
        } finally {
            sample.stop(duration);
        }
    }

    private void failed(String key, Exception e) {
        int tries = queue.numRequeues(key);
        if (tries >= MAX_RETRIES) {
            LOG.warn("{}: dropping {} after {} failed attempts: {}", name, key, tries + 1, e.toString());
            queue.forget(key);
            return;
        }
        if (e instanceof ApiException) {
            LOG.info("{}: reconciling {} failed (retrying): {}", name, key, e.getMessage());
        } else {
            LOG.warn("{}: reconciling {} failed (retrying)", name, key, e);
        }
        queue.addRateLimited(key);
    }

    /** Stops the workers and waits for them (up to 10 s). Idempotent. */
    @Override
    public void close() {
        List<Thread> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = List.copyOf(threads);
        }
        queue.shutDown();
        metrics.remove(depth); // a later loop of the same name (next leadership term) registers its own queue
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread t : running) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                LOG.warn("{}: worker {} still runs {} after close", name, t.getName(), STOP_WAIT);
            }
        }
    }
}
