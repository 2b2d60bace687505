package dev.keel.controllers.scheduler.daemon;

import dev.keel.api.client.KubeClient;
import dev.keel.api.events.EventRecorder;
import dev.keel.api.workqueue.Ticker;
import dev.keel.controllers.leaderelection.LeaderCallbacks;
import dev.keel.controllers.leaderelection.LeaderElector;
import dev.keel.controllers.metrics.MetricsServer;
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
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * {@code keel scheduler}: the scheduling loop on the REST client, its metrics endpoint, and (optionally) leader
 * election, so that two instances can run for availability and only the leader binds.
 *
 * <p>Wiring: one {@link KubeClient}, {@link EventRecorder} and meter registry live as long as the component.
 * Scheduling runs in <em>terms</em>: each term has its own informers ({@link RestSchedulerClient}), queue and cache
 * ({@link Scheduler}), started when the term begins (at {@link #start()}, or when this instance becomes leader) and
 * closed when it ends (at {@link #close()}, or when leadership is lost: binding stops at once, and a fresh term
 * re-lists everything if leadership comes back). A leader steps down after failing to renew for the renew deadline,
 * which is shorter than the lease duration a standby waits, so two terms never bind at the same time; were one to
 * overlap anyway, the apiserver refuses to bind a bound pod (409).
 *
 * <p>Thread-safe; {@link #close()} is idempotent and closes in reverse order of creation.
 */
public final class KeelScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeelScheduler.class);

    private final KeelSchedulerConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SchedulerMetrics metrics = new SchedulerMetrics(registry);
    /** Guards every field below. Never held while calling into the elector (its callbacks take it). */
    private final Object lock = new Object();
    private KubeClient client;
    private EventRecorder events;
    private MetricsServer metricsServer;
    private LeaderElector elector;
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
        LeaderElector campaign = null;
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("the scheduler was already started");
            }
            started = true;
            try {
                client = KubeClient.create(config.client());
                events = EventRecorder.create(client, config.scheduling().schedulerName(),
                        config.leaderElection().identity());
                if (config.metricsPort() >= 0) {
                    metricsServer = new MetricsServer(config.metricsHost(), config.metricsPort(), registry, () -> true);
                }
            } catch (RuntimeException e) {
                closeLocked();
                throw e;
            }
            LOG.info("scheduler {} on {}, leader election {}, metrics {}", config.scheduling().schedulerName(),
                    config.client().server(), config.leaderElect() ? "on as " + config.leaderElection().identity()
                            : "off", metricsServer == null ? "off" : config.metricsHost() + ":" + metricsServer.port());
            if (config.leaderElect()) {
                elector = new LeaderElector(client, config.leaderElection(), new Callbacks());
                campaign = elector;
            } else {
                beginTermLocked();
            }
        }
        if (campaign != null) {
            campaign.start();
        }
        return this;
    }

    private final class Callbacks implements LeaderCallbacks {
        @Override
        public void onStartedLeading() {
            synchronized (lock) {
                beginTermLocked();
            }
        }

        @Override
        public void onStoppedLeading() {
            LOG.info("scheduler {} lost the lease: scheduling stops", config.leaderElection().identity());
            synchronized (lock) {
                endTermLocked();
            }
        }

        @Override
        public void onNewLeader(String identity) {
            LOG.info("scheduler lease {}/{} is held by {}", config.leaderElection().namespace(),
                    config.leaderElection().leaseName(), identity.isEmpty() ? "nobody" : identity);
        }
    }

    private void beginTermLocked() {
        if (closed || term != null) {
            return;
        }
        RestSchedulerClient termClient = new RestSchedulerClient(client, events, config.informers());
        Scheduler scheduler = new Scheduler(termClient,
                new Framework(DefaultProfile.create(), TieBreaker.random(new Random())), config.scheduling(),
                metrics, clock, Ticker.system());
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

    /**
     * Waits until this instance schedules with synced informers (it leads, or runs without election, and has the
     * initial node and pod lists); false on timeout.
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Scheduler current;
            synchronized (lock) {
                current = term == null ? null : term.scheduler();
            }
            long left = deadline - System.nanoTime();
            if (current != null && current.awaitSynced(Duration.ofNanos(Math.max(0, left)))) {
                return true;
            }
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.min(50, TimeUnit.NANOSECONDS.toMillis(left) + 1)); // no event for "became leader"
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

    public KeelSchedulerConfig config() {
        return config;
    }

    /** Stops campaigning (releasing a held lease, so a standby takes over at once), scheduling, then the rest. */
    @Override
    public void close() {
        LeaderElector campaign;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true; // no term begins from here on
            campaign = elector;
        }
        if (campaign != null) {
            campaign.close(); // ends the term through onStoppedLeading when leading
        }
        synchronized (lock) {
            closeLocked();
        }
    }

    private void closeLocked() {
        closed = true;
        endTermLocked();
        if (metricsServer != null) {
            metricsServer.close();
        }
        if (events != null) {
            events.close();
        }
        if (client != null) {
            client.close();
        }
        registry.close();
    }
}
