package dev.keel.controllers.manager;

import dev.keel.api.client.KubeClient;
import dev.keel.api.events.EventRecorder;
import dev.keel.api.informer.InformerFactory;
import dev.keel.controllers.ControllerContext;
import dev.keel.controllers.leaderelection.LeaderCallbacks;
import dev.keel.controllers.leaderelection.LeaderElector;
import dev.keel.controllers.metrics.MetricsServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the controllers (kube-controller-manager's job): one apiserver client, one set of shared informers per
 * leadership term ({@link ControllerSet}), leader election on a Lease so that of several managers only one acts, and
 * {@code /metrics} (work-queue depth, reconciles by result, leadership) on its own HTTP port.
 *
 * <p>Lifecycle: {@link #start()} builds the controllers and starts their informers, then either starts them at once
 * (no leader election; waits for the informers' first lists up to {@code syncTimeout}) or campaigns; leadership
 * changes run on one transition thread: gaining it waits for the caches and starts the controllers, losing it
 * closes them and builds a fresh standby set. {@link #close()} stops everything in reverse order, releasing the lease.
 */
public final class ControllerManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);
    private static final Duration SYNC_POLL = Duration.ofSeconds(1);

    private final ControllerManagerConfig config;
    private final List<ControllerFactory> factories;
    private final Clock clock;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ExecutorService transitions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "keel-cm-leadership");
        t.setDaemon(true);
        return t;
    });
    private KubeClient client;
    private EventRecorder events;
    private MetricsServer metricsServer;
    private LeaderElector elector;
    /** The current term; replaced only on the transition thread (or in start/close). */
    private volatile ControllerSet current;
    private volatile boolean leading;
    private volatile boolean closed;

    /** With the default controllers ({@link DefaultControllers}). */
    public ControllerManager(ControllerManagerConfig config) {
        this(config, DefaultControllers.of(config), Clock.systemUTC());
    }

    /** With the given controller factories, of which those enabled by {@code config.controllers()} run. */
    public ControllerManager(ControllerManagerConfig config, List<ControllerFactory> factories, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        Set<String> names = factories.stream().map(ControllerFactory::name).collect(Collectors.toSet());
        this.factories = factories.stream().filter(f -> config.enabled(f.name(), names)).toList();
        this.clock = clock;
        Gauge.builder("leader.election.master.status", () -> leading ? 1 : 0).tag("name", "kube-controller-manager")
                .description("1 while this manager holds the lease and runs the controllers").register(metrics);
    }

    /** Starts as described above; returns once the controllers run (no election) or the campaign began. */
    public synchronized ControllerManager start() {
        if (client != null) {
            return this;
        }
        client = KubeClient.create(config.client());
        events = EventRecorder.create(client, "keel-controller-manager", config.leaderElection().identity(), clock);
        if (config.metricsPort() >= 0) {
            metricsServer = new MetricsServer(config.metricsHost(), config.metricsPort(), metrics, () -> !closed);
        }
        current = newSet();
        LOG.info("controller-manager {}: controllers {}", config.leaderElection().identity(), current.names());
        if (!config.leaderElect()) {
            try {
                if (!current.awaitSynced(config.syncTimeout())) {
                    throw new IllegalStateException("the informers did not sync within " + config.syncTimeout()
                            + " (is the apiserver at " + config.client().server() + " reachable?)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the informers", e);
            }
            current.startControllers();
            leading = true;
            return this;
        }
        elector = new LeaderElector(client, config.leaderElection(), new LeaderCallbacks() {
            @Override
            public void onStartedLeading() {
                transitions.execute(ControllerManager.this::lead);
            }

            @Override
            public void onStoppedLeading() {
                transitions.execute(ControllerManager.this::standBy);
            }

            @Override
            public void onNewLeader(String identity) {
                LOG.info("controller-manager leader is now \"{}\"", identity);
            }
        });
        elector.start();
        return this;
    }

    private ControllerSet newSet() {
        InformerFactory informers = new InformerFactory(client, config.informers());
        ControllerContext ctx = new ControllerContext(client, informers, events, metrics, clock);
        try {
            return new ControllerSet(ctx, factories);
        } catch (RuntimeException e) {
            informers.close();
            throw e;
        }
    }

    /** On the transition thread: wait for warm caches, then run the controllers. */
    private void lead() {
        ControllerSet set = current;
        try {
            while (!closed && elector.isLeader() && !set.awaitSynced(SYNC_POLL)) {
                LOG.info("leader: waiting for the informers to sync");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (closed || !elector.isLeader()) {
            return;
        }
        set.startControllers();
        leading = true;
        LOG.info("controller-manager {} leads: controllers running", config.leaderElection().identity());
    }

    /** On the transition thread: stop acting at once, then stand by with a fresh set. */
    private void standBy() {
        leading = false;
        ControllerSet old = current;
        if (!old.started()) {
            return;
        }
        LOG.warn("controller-manager {} lost the lease: stopping the controllers", config.leaderElection().identity());
        old.close();
        if (!closed) {
            current = newSet();
        }
    }

    /** True while this manager's controllers run. */
    public boolean isLeading() {
        return leading;
    }

    /** The port of {@code /metrics}, or -1 when off. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    /** The Prometheus text of the manager's meters. */
    public String scrape() {
        return metrics.scrape();
    }

    /** Names of the controllers this manager runs when it leads. */
    public List<String> controllerNames() {
        return factories.stream().map(ControllerFactory::name).toList();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        leading = false;
        transitions.shutdown();
        try {
            if (!transitions.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.warn("a leadership transition still runs 15 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ControllerSet set = current;
        if (set != null) {
            set.close(); // controllers stop before the lease goes, so a successor never overlaps with them
        }
        if (elector != null) {
            elector.close();
        }
        if (events != null) {
            events.close();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        if (client != null) {
            client.close();
        }
        metrics.close();
    }
}
