package dev.keel.node.probe;

import dev.keel.api.core.Container;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The probe workers of one container instance and whether it has started (its startup probe succeeded, or it has
 * none), which gates liveness and readiness.
 */
final class ContainerProbes {
    private static final Logger log = LoggerFactory.getLogger(ContainerProbes.class);

    private final ProbeTarget target;
    private final ProbeListener listener;
    private final Map<ProbeType, ProbeWorker> workers = new EnumMap<>(ProbeType.class);
    private volatile boolean started;

    ContainerProbes(ProbeTarget target, Prober prober, ScheduledExecutorService timer, ProbeListener listener) {
        this.target = target;
        this.listener = listener;
        Container c = target.container();
        if (c.startupProbe() != null) {
            workers.put(ProbeType.STARTUP, new ProbeWorker(ProbeType.STARTUP, c.startupProbe(), this, prober, timer));
        } else {
            started = true;
        }
        if (c.livenessProbe() != null) {
            workers.put(ProbeType.LIVENESS, new ProbeWorker(ProbeType.LIVENESS, c.livenessProbe(), this, prober,
                    timer));
        }
        if (c.readinessProbe() != null) {
            workers.put(ProbeType.READINESS, new ProbeWorker(ProbeType.READINESS, c.readinessProbe(), this, prober,
                    timer));
        }
    }

    ProbeTarget target() {
        return target;
    }

    boolean started() {
        return started;
    }

    void start() {
        workers.values().forEach(ProbeWorker::start);
    }

    void stop() {
        workers.values().forEach(ProbeWorker::stop);
    }

    /** The state of {@code type}; a container without that probe counts as SUCCESS (nothing to fail). */
    ProbeState state(ProbeType type) {
        ProbeWorker w = workers.get(type);
        return w == null ? ProbeState.SUCCESS : w.state();
    }

    boolean has(ProbeType type) {
        return workers.containsKey(type);
    }

    void changed(ProbeType type, ProbeState state, String message) {
        if (type == ProbeType.STARTUP && state == ProbeState.SUCCESS) {
            started = true;
        }
        try {
            listener.onProbeChange(new ProbeEvent(target, type, state, message));
        } catch (RuntimeException e) { // a listener bug must not stop the probe loop
            log.warn("probe listener failed on {} {} {}: {}", target, type, state, e.toString());
        }
    }
}
