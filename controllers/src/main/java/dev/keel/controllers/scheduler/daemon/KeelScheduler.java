package dev.keel.controllers.scheduler.daemon;

import dev.keel.api.client.KubeClient;
import dev.keel.api.workqueue.Ticker;
import dev.keel.controllers.scheduler.Framework;
import dev.keel.controllers.scheduler.TieBreaker;
import dev.keel.controllers.scheduler.loop.RestSchedulerClient;
import dev.keel.controllers.scheduler.loop.Scheduler;
import dev.keel.controllers.scheduler.loop.SchedulerMetrics;
import dev.keel.controllers.scheduler.plugins.DefaultProfile;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code keel scheduler}: the scheduling loop on the REST client, its metrics endpoint, and (optionally) leader
 * election, so that two instances can run for availability and only the leader binds.
 *
 * <p>Wiring: one {@link KubeClient}, event recorder and meter registry live as long as the component. Scheduling
 * runs in <em>terms</em>: each term has its own informers ({@link RestSchedulerClient}), queue and cache
 * ({@link Scheduler}), started when the term begins (at {@link #start()}, or when this instance becomes leader) and
 * closed when it ends (at {@link #close()}, or when leadership is lost: binding stops at once and a fresh term
 * re-lists everything if leadership comes back).
 *
 * <p>Thread-safe; {@link #close()} is idempotent and closes in reverse order of creation.
 */
public final class KeelScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeelScheduler.class);

    private final KeelSchedulerConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SchedulerMetrics metrics = new SchedulerMetrics(registry);
    /** Guards every field below. */
    private final Object lock = new Object();
    private KubeClient client;
    private MetricsHttpServer metricsServer;
    private Term term;
    private boolean started;
    private boolean closed;

    /** One scheduling term: informers, then the loop on them. */
    private record Term(RestSchedulerClient client, Scheduler scheduler) {
        void close() {
            scheduler.close();
            client.close();
        }
    }

    public KeelScheduler(KeelSchedulerConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public KeelScheduler(KeelSchedulerConfig config) {
        this(config, Clock.systemUTC());
    }

    /** Connects, serves metrics, then schedules at once or once elected. Returns without waiting for either. */
    public KeelScheduler start() {
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("the scheduler was already started");
            }
            started = true;
            try {
                client = KubeClient.create(config.client());
                if (config.metricsPort() >= 0) {
                    metricsServer = new MetricsHttpServer(config.metricsHost(), config.metricsPort(), registry);
                }
            } catch (RuntimeException e) {
                closeLocked();
                throw e;
            }
            LOG.info("scheduler {} on {}, metrics {}", config.scheduling().schedulerName(), config.client().server(),
                    metricsServer == null ? "off" : config.metricsHost() + ":" + metricsServer.port());
            beginTermLocked();
        }
        return this;
    }

    private void beginTermLocked() {
        if (closed || term != null) {
            return;
        }
        RestSchedulerClient termClient = new RestSchedulerClient(client, (regarding, reason, message) ->
                LOG.info("event {} {}: {}", regarding.metadata().key(), reason, message), config.informers());
        Scheduler scheduler = new Scheduler(termClient,
                new Framework(DefaultProfile.create(), TieBreaker.random(new java.util.Random())),
                config.scheduling(), metrics, clock, Ticker.system());
        term = new Term(termClient, scheduler);
        scheduler.start();
    }

    private void endTermLocked() {
        if (term != null) {
            Term t = term;
            term = null;
            t.close();
        }
    }

    /** True while this instance runs a scheduling loop (is the leader, or runs without election). */
    public boolean isScheduling() {
        synchronized (lock) {
            return term != null;
        }
    }

    /** The port of {@code /metrics}, if served. */
    public Optional<Integer> metricsPort() {
        synchronized (lock) {
            return metricsServer == null ? Optional.empty() : Optional.of(metricsServer.port());
        }
    }

    public SchedulerMetrics metrics() {
        return metrics;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            closeLocked();
        }
    }

    private void closeLocked() {
        closed = true;
        endTermLocked();
        if (metricsServer != null) {
            metricsServer.close();
        }
        if (client != null) {
            client.close();
        }
        registry.close();
    }
}
