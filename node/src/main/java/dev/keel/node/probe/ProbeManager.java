package dev.keel.node.probe;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes every running container of the node: one {@link ProbeWorker} per configured probe of each container
 * instance, all on one small shared scheduler (checks are asynchronous, so thousands of containers need
 * {@link ProbeConfig#threads()} threads, not thousands).
 *
 * <p>Lifecycle, driven by the agent: {@link #add} when a container instance starts (a fresh
 * {@code containerId} for every start, restarts included), {@link #remove} when it exits or is restarted. The
 * listener hears every state change; {@link #status} answers what the pod status needs. Thread-safe.
 */
public final class ProbeManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProbeManager.class);

    private final ProbeListener listener;
    private final ScheduledExecutorService timer;
    private final ExecutorService execStarter;
    private final Prober prober;
    private final ConcurrentHashMap<String, ContainerProbes> containers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ProbeManager(ProbeConfig config, ProbeListener listener) {
        this.listener = listener;
        this.timer = Executors.newScheduledThreadPool(config.threads(), threads("keel-probe-"));
        this.execStarter = Executors.newFixedThreadPool(config.execThreads(), threads("keel-probe-exec-"));
        this.prober = new Prober(config, timer, execStarter);
    }

    /** Nothing to start beyond the constructor's threads; present for the component lifecycle. */
    public ProbeManager start() {
        return this;
    }

    /**
     * Starts probing {@code target}'s container per its spec's startup, liveness and readiness probes. A second
     * add of the same containerId replaces the first (its workers stop). A container without probes is tracked
     * too (it is started, ready and live at once).
     */
    public void add(ProbeTarget target) {
        if (closed) {
            throw new IllegalStateException("the probe manager is closed");
        }
        ContainerProbes probes = new ContainerProbes(target, prober, timer, listener);
        ContainerProbes old = containers.put(target.containerId(), probes);
        if (old != null) {
            old.stop();
        }
        probes.start();
        log.debug("probing {}", target);
    }

    /** Stops probing the container instance; unknown ids are ignored. */
    public void remove(String containerId) {
        ContainerProbes old = containers.remove(containerId);
        if (old != null) {
            old.stop();
        }
    }

    /** The probes' verdict on a container instance; empty if it is not being probed. */
    public Optional<ContainerProbeStatus> status(String containerId) {
        ContainerProbes c = containers.get(containerId);
        if (c == null) {
            return Optional.empty();
        }
        boolean started = c.started();
        boolean ready = started && c.state(ProbeType.READINESS) == ProbeState.SUCCESS;
        boolean live = c.state(ProbeType.LIVENESS) != ProbeState.FAILURE
                && c.state(ProbeType.STARTUP) != ProbeState.FAILURE;
        return Optional.of(new ContainerProbeStatus(started, ready, live));
    }

    /** The state of one probe; empty if the container is not probed or has no such probe. */
    public Optional<ProbeState> state(String containerId, ProbeType type) {
        ContainerProbes c = containers.get(containerId);
        return c == null || !c.has(type) ? Optional.empty() : Optional.of(c.state(type));
    }

    /** Container instances being probed. */
    public int size() {
        return containers.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        containers.values().forEach(ContainerProbes::stop);
        containers.clear();
        timer.shutdownNow();
        execStarter.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            execStarter.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
