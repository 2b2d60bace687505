package dev.keel.node;

import dev.keel.api.core.Container;
import dev.keel.api.core.Pod;
import dev.keel.node.probe.ContainerProbeStatus;
import dev.keel.node.probe.ProbeConfig;
import dev.keel.node.probe.ProbeEvent;
import dev.keel.node.probe.ProbeManager;
import dev.keel.node.probe.ProbeTarget;
import dev.keel.node.runtime.ContainerId;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The agent's probes: a {@link ProbeManager} (process runtime) plus the map from container instance to pod uid, so
 * a probe's state change reaches the pod's worker. Without a manager (hollow runtime) nothing is probed and every
 * running container is started and ready at once.
 *
 * <p>Pod workers tell it {@link #started} / {@link #stopped} for every instance and read {@link #status} on each
 * sync; the listener (the agent) hears {@code (podUid, event)} on a probe thread and only enqueues a sync.
 */
final class PodProbes implements AutoCloseable {
    private static final ContainerProbeStatus UNPROBED = new ContainerProbeStatus(true, true, true);
    private static final ContainerProbeStatus UNKNOWN = new ContainerProbeStatus(false, false, true);

    private final Optional<ProbeManager> manager;
    /** containerId -> pod uid of every instance being probed. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();

    private final BiConsumer<String, ProbeEvent> listener;

    private PodProbes(Optional<Path> scratchDir, BiConsumer<String, ProbeEvent> listener) {
        this.listener = listener;
        this.manager = scratchDir.map(d -> new ProbeManager(ProbeConfig.defaults().withScratchDir(d), this::changed)
                .start());
    }

    /** No probes: every running container counts as started and ready. */
    static PodProbes none() {
        return new PodProbes(Optional.empty(), (uid, e) -> { });
    }

    /**
     * Probes run; exec probe output is captured under {@code scratchDir}; {@code listener} hears
     * {@code (podUid, event)} on a probe thread.
     */
    static PodProbes running(Path scratchDir, BiConsumer<String, ProbeEvent> listener) {
        return new PodProbes(Optional.of(scratchDir), listener);
    }

    private void changed(ProbeEvent e) {
        String uid = owners.get(e.target().containerId());
        if (uid != null) {
            listener.accept(uid, e);
        }
    }

    boolean probing() {
        return manager.isPresent();
    }

    /**
     * An instance of {@code c} started (or was adopted): probe it per its spec.
     *
     * @param env the container's environment (exec probes run with it)
     */
    void started(Pod pod, Container c, ContainerId id, String podIP, Map<String, String> env) {
        if (manager.isEmpty()) {
            return;
        }
        owners.put(id.value(), pod.metadata().uid());
        Path workDir = c.workingDir() == null || c.workingDir().isEmpty() ? null : Path.of(c.workingDir());
        try {
            manager.get().add(new ProbeTarget(pod.metadata().namespace() + "/" + pod.metadata().name(), c.name(),
                    id.value(), podIP, c, env, workDir));
        } catch (IllegalStateException e) { // the manager is closed: the agent is stopping, the next one probes
            owners.remove(id.value());
        }
    }

    /** The instance exited, is being replaced, or its pod left: stop probing it. */
    void stopped(ContainerId id) {
        if (manager.isEmpty()) {
            return;
        }
        manager.get().remove(id.value());
        owners.remove(id.value());
    }

    /** The probes' verdict on a running instance (not probed yet: not started, not ready, live). */
    ContainerProbeStatus status(ContainerId id) {
        return manager.isEmpty() ? UNPROBED : manager.get().status(id.value()).orElse(UNKNOWN);
    }

    @Override
    public void close() {
        manager.ifPresent(ProbeManager::close);
        owners.clear();
    }
}
