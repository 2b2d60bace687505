package dev.keel.node.probe;

import dev.keel.api.core.Probe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one probe of one container instance periodically and keeps its {@link ProbeState}, as the kubelet's probe
 * worker does:
 * <ul>
 *   <li>the first check runs {@code initialDelaySeconds} after {@link #start()}, then one every
 *       {@code periodSeconds}, measured from the start of the previous check (a check never overlaps the next);</li>
 *   <li>the state becomes FAILURE after {@code failureThreshold} consecutive failures and SUCCESS after
 *       {@code successThreshold} consecutive successes; {@link ProbeResult.Error}s are reported but change
 *       nothing;</li>
 *   <li>liveness and readiness checks are skipped until the container has started (its startup probe
 *       succeeded, or it has none);</li>
 *   <li>a startup probe stops after its first SUCCESS; liveness and startup stop after a FAILURE (the container
 *       is about to be restarted, which makes new workers).</li>
 * </ul>
 * Example, readiness with period 1, failureThreshold 3, successThreshold 2: checks F F S S F F F give states
 * FAILURE (initial) ... SUCCESS after the second S ... FAILURE after the third F.
 *
 * <p>Threading: checks complete on the shared timer; the state fields are guarded by {@code this}; the
 * listener is called without the lock.
 */
final class ProbeWorker {
    private static final Logger log = LoggerFactory.getLogger(ProbeWorker.class);

    private final ProbeType type;
    private final Probe probe;
    private final ProbeTiming timing;
    private final ContainerProbes owner;
    private final Prober prober;
    private final ScheduledExecutorService timer;

    // Guarded by this.
    private ProbeState state;
    private ProbeState lastResult = ProbeState.UNKNOWN;
    private int resultRun;
    private boolean stopped;
    private ScheduledFuture<?> next;

    ProbeWorker(ProbeType type, Probe probe, ContainerProbes owner, Prober prober, ScheduledExecutorService timer) {
        this.type = type;
        this.probe = probe;
        this.timing = ProbeTiming.of(probe);
        this.owner = owner;
        this.prober = prober;
        this.timer = timer;
        this.state = ProbeState.initial(type);
    }

    ProbeType type() {
        return type;
    }

    synchronized ProbeState state() {
        return state;
    }

    void start() {
        scheduleIn(timing.initialDelay().toNanos());
    }

    /** Stops checking; a running check's result is dropped. Idempotent. */
    void stop() {
        ScheduledFuture<?> f;
        synchronized (this) {
            stopped = true;
            f = next;
            next = null;
        }
        if (f != null) {
            f.cancel(false);
        }
    }

    private synchronized void scheduleIn(long nanos) {
        if (stopped) {
            return;
        }
        try {
            next = timer.schedule(this::check, Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            stopped = true; // the manager is closing
        }
    }

    private void check() {
        long started = System.nanoTime();
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        if (type != ProbeType.STARTUP && !owner.started()) {
            scheduleIn(timing.period().toNanos());
            return;
        }
        prober.probe(probe, owner.target()).whenComplete((r, err) -> {
            ProbeResult result = r != null ? r : new ProbeResult.Error("probe failed to run: " + err);
            completed(result);
            scheduleIn(started + timing.period().toNanos() - System.nanoTime());
        });
    }

    private void completed(ProbeResult result) {
        if (result instanceof ProbeResult.Error e) {
            log.info("{} probe of {} errored: {}", type.display(), owner.target(), e.message());
            return;
        }
        ProbeState observed = result instanceof ProbeResult.Success ? ProbeState.SUCCESS : ProbeState.FAILURE;
        ProbeState changedTo = null;
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (observed == lastResult) {
                resultRun++;
            } else {
                lastResult = observed;
                resultRun = 1;
            }
            int needed = observed == ProbeState.SUCCESS ? timing.successThreshold() : timing.failureThreshold();
            if (resultRun < needed) {
                return;
            }
            if (observed != state) {
                state = observed;
                changedTo = observed;
            }
            if (type == ProbeType.STARTUP && observed == ProbeState.SUCCESS
                    || type != ProbeType.READINESS && observed == ProbeState.FAILURE) {
                stopped = true; // started for good, or the container is going to be restarted
            }
        }
        if (changedTo != null) {
            log.debug("{} probe of {}: {} ({})", type.display(), owner.target(), changedTo, result.message());
            owner.changed(type, changedTo, result.message());
        }
    }
}
