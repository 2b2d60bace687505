package dev.keel.node;

import dev.keel.api.client.KubeClient;
import dev.keel.api.core.Pod;
import dev.keel.api.events.EventRecorder;
import dev.keel.api.informer.ExecutorScheduler;
import dev.keel.api.informer.Informer;
import dev.keel.api.informer.InformerConfig;
import dev.keel.api.informer.InformerFactory;
import dev.keel.api.workqueue.Ticker;
import dev.keel.node.logs.LogPaths;
import dev.keel.node.probe.ProbeEvent;
import dev.keel.node.proxy.ServiceProxy;
import dev.keel.node.proxy.ServiceProxyConfig;
import dev.keel.node.runtime.ContainerInfo;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.runtime.RuntimeKind;
import dev.keel.node.runtime.hollow.HollowRuntime;
import dev.keel.node.runtime.process.ProcessRuntime;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node agent (Keel's kubelet): registers its Node, renews its Lease, keeps the Node's conditions current, runs
 * the pods bound to it (informer on {@code spec.nodeName=<name>}, or in a {@link NodeFleet} the fleet's shared one;
 * one {@link PodWorker} per pod) through a {@link ContainerRuntime}, and serves their logs on its HTTP port.
 *
 * <p>{@link #close()} stops the agent, not its containers: like a kubelet restart, the process runtime's containers
 * keep running and the next start adopts them. {@link #stopContainers} stops them all first when that is wanted.
 *
 * <p>Wiring happens in {@link #start()}; an agent is started once.
 */
public final class NodeAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    private static final Duration SYNC_WAIT = Duration.ofSeconds(60);

    private final NodeAgentConfig config;
    private final KubeClient client;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    private final FleetPods fleetPods;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private ContainerRuntime runtime;
    private PodWorkers workers;
    private volatile ServiceProxy serviceProxy;
    private AgentServer server;
    private boolean started;
    private boolean closed;

    /** An agent with its own threads. */
    public NodeAgent(NodeAgentConfig config, KubeClient client) {
        this(config, client, null, Clock.systemUTC());
    }

    /**
     * An agent running on {@code executor} (not owned; {@code null}: its own), as a fleet of hollow agents in one JVM
     * shares one. The executor runs informer loops, pod syncs and timers: none of them blocks for long.
     */
    public NodeAgent(NodeAgentConfig config, KubeClient client, ScheduledExecutorService executor, Clock clock) {
        this(config, client, executor, clock, null);
    }

    /** An agent of a fleet: its pods come from the fleet's shared informer ({@code null}: an informer of its own). */
    NodeAgent(NodeAgentConfig config, KubeClient client, ScheduledExecutorService executor, Clock clock,
              FleetPods fleetPods) {
        this.config = config;
        this.client = client;
        this.clock = clock;
        this.fleetPods = fleetPods;
        this.ownsExecutor = executor == null;
        this.executor = executor != null ? executor : Executors.newScheduledThreadPool(4, threads(config.nodeName()));
    }

    /**
     * Registers the Node, starts the heartbeat, lists the pods bound here and starts their workers. Blocks until the
     * Node is registered and the pod list is in (at most a minute); throws if that fails.
     */
    public synchronized NodeAgent start() {
        if (started) {
            throw new IllegalStateException("node agent " + config.nodeName() + " was started already");
        }
        started = true;
        try {
            Files.createDirectories(config.dataDir());
            LogPaths logs = new LogPaths(config.dataDir().resolve("pods"));
            runtime = config.runtime() == RuntimeKind.PROCESS
                    ? new ProcessRuntime(config.dataDir().resolve("containers"), executor, clock)
                    : new HollowRuntime(clock);
            owned.push(runtime);
            Informer<Pod> pods = null;
            NodePods podView;
            if (fleetPods == null) {
                pods = new Informer<>(client.pods(), InformerConfig.defaults()
                        .withSelectors(null, "spec.nodeName=" + config.nodeName()), executor,
                        new ExecutorScheduler(executor), Ticker.system());
                owned.push(pods);
                podView = NodePods.of(pods.cache());
            } else {
                podView = fleetPods.view(config.nodeName());
            }
            boolean process = config.runtime() == RuntimeKind.PROCESS;
            PodProbes probes = process
                    ? PodProbes.running(Files.createDirectories(config.dataDir().resolve("probes")), this::probeChanged)
                    : PodProbes.none();
            owned.push(probes);
            Optional<EventRecorder> events = Optional.empty();
            if (process) {
                EventRecorder recorder = EventRecorder.create(client, "kubelet", config.nodeName(), clock);
                owned.push(recorder);
                events = Optional.of(recorder);
            }
            PodAddresses addresses = new PodAddresses(config.address(), config.parsedPodCidr(),
                    config.dataDir().resolve("pod-addresses"));
            WorkerContext ctx = new WorkerContext(config, client, runtime, logs, executor, clock, System.getenv(),
                    probes, events, addresses);
            workers = new PodWorkers(ctx, podView);
            runtime.setExitListener(this::exited);
            metricsOf(workers);
            int port = -1;
            if (config.port() >= 0) {
                server = new AgentServer(config.address(), config.port(), workers, metrics, config.nodeName());
                owned.push(server);
                port = server.port();
            }
            NodeHeartbeat heartbeat = new NodeHeartbeat(client, config,
                    config.runtime() == RuntimeKind.PROCESS ? new MachineReadings(config.dataDir()) : NodeReadings::plenty,
                    runtime.version(), clock);
            heartbeat.register(Math.max(port, 0));
            startProxy();
            schedule(heartbeat::renewLease, Duration.ZERO, config.leaseRenewInterval());
            schedule(heartbeat::updateStatus, config.statusUpdateInterval(), config.statusUpdateInterval());
            if (pods != null) {
                pods.start();
                if (!pods.awaitSynced(SYNC_WAIT)) {
                    throw new IllegalStateException("node " + config.nodeName()
                            + ": the list of its pods did not arrive within " + SYNC_WAIT);
                }
                workers.adopt(runtime.list());
                pods.addEventHandler(workers);
            } else {
                workers.adopt(runtime.list());
                owned.push(fleetPods.register(config.nodeName(), workers));
            }
            LOG.info("node agent {} started: runtime {}, address {}, pod CIDR {}, port {}, data {}", config.nodeName(),
                    config.runtime(), config.address(), config.podCidr().orElse("none"), port, config.dataDir());
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("node " + config.nodeName() + ": cannot create " + config.dataDir(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting node " + config.nodeName(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public String nodeName() {
        return config.nodeName();
    }

    /** The HTTP port (-1 when it serves none). */
    public int port() {
        return server == null ? -1 : server.port();
    }

    /** For tests: the service proxy, if the agent runs one. */
    Optional<ServiceProxy> serviceProxy() {
        return Optional.ofNullable(serviceProxy);
    }

    /** Pods this agent has a worker for. */
    public int podCount() {
        PodWorkers w = workers;
        return w == null ? 0 : w.size();
    }

    /**
     * Stops every container this agent's runtime knows (SIGTERM, then SIGKILL after {@code grace}), waiting at most
     * {@code grace} plus 10 s. The pod workers stop acting first, so that none restarts a container stopped here;
     * close the agent next. The pods stay bound here; a later start runs them again.
     */
    public void stopContainers(Duration grace) {
        ContainerRuntime r = runtime;
        if (r == null) {
            return;
        }
        PodWorkers w = workers;
        try {
            if (w != null) {
                w.halt(Duration.ofSeconds(10)); // else a worker would restart the containers stopped below
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        List<CompletableFuture<?>> stops = new ArrayList<>();
        for (ContainerInfo i : r.list()) {
            stops.add(r.stop(i.id(), grace));
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(grace.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("node {}: not every container stopped: {}", config.nodeName(), e.toString());
        }
    }

    /** Stops the agent's loops and its HTTP port; containers keep running (see the class doc). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticks.forEach(t -> t.cancel(false));
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                LOG.warn("node {}: error while closing: {}", config.nodeName(), e.toString());
            }
        }
        if (ownsExecutor) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        metrics.close();
        LOG.info("node agent {} stopped", config.nodeName());
    }

    /**
     * The service proxy (when configured): its own informers on Services and Endpoints, nodePorts on the node
     * address. Closed before its informers (the owned stack closes in reverse order).
     */
    private void startProxy() {
        if (!config.proxy()) {
            return;
        }
        InformerFactory informers = new InformerFactory(client, InformerConfig.defaults(), 1);
        owned.push(informers);
        ServiceProxy proxy = new ServiceProxy(ServiceProxyConfig.defaults().withNodeAddress(config.address()),
                informers, metrics);
        owned.push(proxy);
        informers.start();
        proxy.start();
        serviceProxy = proxy;
    }

    private void probeChanged(String podUid, ProbeEvent e) {
        PodWorkers w = workers;
        if (w != null) {
            w.probeChanged(podUid, e);
        }
    }

    private void exited(ContainerInfo info) {
        PodWorkers w = workers;
        PodWorker worker = w == null ? null : w.worker(info.key().podUid());
        if (worker != null) {
            worker.requestSync();
        }
    }

    private void schedule(Runnable task, Duration initialDelay, Duration period) {
        ticks.add(executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("node {}: heartbeat task failed: {}", config.nodeName(), e.toString(), e);
            }
        }, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void metricsOf(PodWorkers w) {
        Gauge.builder("keel_node_pods", w, PodWorkers::size).description("pods with a worker on this node")
                .tag("node", config.nodeName()).register(metrics);
        Gauge.builder("keel_node_containers_running", this,
                a -> a.runtime.list().stream().filter(ContainerInfo::running).count())
                .description("container instances running").tag("node", config.nodeName()).register(metrics);
    }

    private static java.util.concurrent.ThreadFactory threads(String node) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "node-" + node + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** For tests: the runtime's view. */
    List<ContainerInfo> containers() {
        return runtime == null ? List.of() : runtime.list();
    }

    /** The labels this agent puts on its Node (for callers that select on them). */
    public Map<String, String> nodeLabels() {
        return NodeObjects.labels(config);
    }
}
