package dev.keel.node;

import dev.keel.api.client.ConflictException;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerStatus;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodStatus;
import dev.keel.node.logs.LogLookup;
import dev.keel.node.logs.LogTarget;
import dev.keel.node.probe.ProbeEvent;
import dev.keel.node.probe.ProbeState;
import dev.keel.node.runtime.ContainerId;
import dev.keel.node.runtime.ContainerInfo;
import dev.keel.node.runtime.ContainerKey;
import dev.keel.node.runtime.ContainerSpec;
import dev.keel.node.runtime.RunResult;
import dev.keel.node.runtime.RuntimeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one pod on this node: the kubelet's pod worker. Each sync observes the runtime, compares with the pod spec,
 * acts (start, restart after back-off, stop), and reports the status when it changed. Syncs are triggered by pod
 * changes, container exits, probe results and back-off timers; they run on the agent's executor, never two at once
 * for one pod, and a trigger during a sync runs another one after it.
 *
 * <p>Lifecycle: created when the pod appears bound to this node; on {@code deletionTimestamp} it stops the
 * containers within the grace period and then deletes the pod with grace 0; once the pod is gone from the API it
 * stops whatever still runs, forgets the instances and logs, and removes itself ({@code onFinished}).
 */
final class PodWorker {
    private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);
    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;
    private static final int RUNNING = 2;
    private static final int DIRTY = 3;
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration ADDRESS_RETRY = Duration.ofSeconds(5);

    private final WorkerContext ctx;
    final String uid;
    final String namespace;
    final String name;
    private final Consumer<PodWorker> onFinished;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final ConcurrentLinkedQueue<ProbeEvent> probeEvents = new ConcurrentLinkedQueue<>();
    /** Latest attempt number and instance per container, for the log endpoint (read from HTTP threads). */
    private final Map<String, LogState> logStates = new ConcurrentHashMap<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean deleteSent = new AtomicBoolean();
    private volatile Pod pod;
    private volatile boolean deleted;
    private volatile PodStatus lastWritten;
    private volatile List<ContainerInfo> adopted;

    // Confined to sync().
    private final Map<String, ContainerRecord> records = new LinkedHashMap<>();
    private boolean initialised;
    /** The pod's own address once assigned (the node's for host-network pods and without a pod CIDR). */
    private Optional<String> podIP = Optional.empty();
    private boolean finished;
    private volatile boolean halted;
    private Instant startTime;
    private ScheduledFuture<?> wakeup;
    /** The time of the pending wake-up timer, {@code null} when none is pending (cleared by the timer). */
    private final java.util.concurrent.atomic.AtomicReference<Instant> wakeupAt =
            new java.util.concurrent.atomic.AtomicReference<>();

    private record LogState(int attempt, ContainerId id) {
    }

    PodWorker(WorkerContext ctx, Pod pod, List<ContainerInfo> adopted, Consumer<PodWorker> onFinished) {
        this.ctx = ctx;
        this.pod = pod;
        this.uid = pod.metadata().uid();
        this.namespace = pod.metadata().namespace();
        this.name = pod.metadata().name();
        this.adopted = List.copyOf(adopted);
        this.onFinished = onFinished;
    }

    /** A newer version of the pod. */
    void update(Pod p) {
        pod = p;
        requestSync();
    }

    /** The pod is gone from the API. */
    void deleted() {
        deleted = true;
        requestSync();
    }

    /**
     * The agent is stopping every container: no sync acts any more (a container that exits now must not be restarted).
     * A sync already running finishes; {@link #syncing()} tells when it has.
     */
    void halt() {
        halted = true;
    }

    /** Whether a sync is running now. */
    boolean syncing() {
        int s = state.get();
        return s == RUNNING || s == DIRTY;
    }

    /** A probe of one of this pod's container instances changed its state (called on a probe thread). */
    void probeChanged(ProbeEvent e) {
        probeEvents.add(e);
        requestSync();
    }

    /** Runs a sync soon; coalesces with one already queued, or runs again after the one in progress. */
    void requestSync() {
        while (true) {
            int s = state.get();
            if (s == IDLE) {
                if (state.compareAndSet(IDLE, SCHEDULED)) {
                    submit();
                    return;
                }
            } else if (s == RUNNING) {
                if (state.compareAndSet(RUNNING, DIRTY)) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    private void submit() {
        try {
            ctx.executor().execute(this::run);
        } catch (RejectedExecutionException e) {
            state.set(IDLE); // the agent is closing
        }
    }

    private void run() {
        state.set(RUNNING);
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warn("sync of pod {}/{} failed: {}", namespace, name, e.toString(), e);
            wakeAt(ctx.clock().instant().plus(RETRY));
        }
        if (!state.compareAndSet(RUNNING, IDLE)) {
            state.set(SCHEDULED);
            submit();
        }
    }

    private void sync() {
        if (finished || halted) {
            return;
        }
        Pod p = pod;
        Instant now = ctx.clock().instant();
        if (!deleted) {
            assignAddress(p, now);
        }
        if (!initialised) {
            init(p, now);
        }
        observe(now);
        applyProbes(p);
        if (LOG.isDebugEnabled()) {
            LOG.debug("sync pod {}/{}: deleted={} deleting={} containers={}", namespace, name, deleted,
                    p.metadata().deletionTimestamp() != null, describe());
        }
        if (deleted) {
            stopAll(ctx.config().orphanGracePeriod());
            if (!anyRunning()) {
                finish();
            }
            return;
        }
        if (p.metadata().deletionTimestamp() != null) {
            stopAll(grace(p));
            report(p, true, now);
            if (!anyRunning()) {
                deletePod();
            }
            return;
        }
        boolean terminal = terminal(p);
        if (!terminal && podIP.isPresent()) {
            reconcile(p, now);
        }
        report(p, terminal, now);
    }

    /** First sync: rebuild the records from the pod's reported status and the instances found at agent start. */
    private void init(Pod p, Instant now) {
        initialised = true;
        startTime = now;
        List<ContainerInfo> found = adopted;
        adopted = List.of();
        for (Container c : p.spec().containers()) {
            ContainerRecord rec = new ContainerRecord(c.name());
            records.put(c.name(), rec);
            Optional<ContainerStatus> st = p.status().containerStatuses().stream()
                    .filter(s -> c.name().equals(s.name())).findFirst();
            if (st.isPresent() && (st.get().containerID() != null || st.get().lastState() != null)) {
                rec.attempts = (st.get().restartCount() == null ? 0 : st.get().restartCount()) + 1;
                if (st.get().lastState() != null) {
                    rec.lastTerminated = st.get().lastState().terminated();
                }
            }
            List<ContainerInfo> mine = new ArrayList<>(found.stream()
                    .filter(i -> i.key().container().equals(c.name())).toList());
            mine.sort(Comparator.comparingInt(ContainerInfo::attempt));
            if (mine.isEmpty()) {
                continue;
            }
            ContainerInfo latest = mine.remove(mine.size() - 1);
            for (ContainerInfo older : mine) {
                if (older.attempt() == latest.attempt() - 1 && !older.running()) {
                    rec.lastTerminated = new Attempt.Ran(older).terminated();
                }
                ctx.runtime().remove(older.id());
            }
            rec.latest = new Attempt.Ran(latest);
            rec.attempts = Math.max(rec.attempts, latest.attempt() + 1);
            logStates.put(c.name(), new LogState(latest.attempt(), latest.id()));
            if (latest.running()) {
                LOG.info("pod {}/{}: adopted container {} ({}, attempt {})", namespace, name, c.name(), latest.id(),
                        latest.attempt());
                ctx.probes().started(p, c, latest.id(), podIP(), environment(p, c));
            } else {
                ended(rec, (Attempt.Ran) rec.latest, now);
            }
        }
    }

    /** Picks up exits of running instances. */
    private void observe(Instant now) {
        for (ContainerRecord rec : records.values()) {
            if (!(rec.latest instanceof Attempt.Ran ran) || !ran.info().running()) {
                continue;
            }
            Optional<ContainerInfo> cur = ctx.runtime().status(ran.info().id());
            ContainerInfo info = cur.orElse(ran.info().withState(new RuntimeState.Exited(255,
                    "ContainerStatusUnknown", "the runtime no longer knows this container", now)));
            if (!info.running()) {
                Attempt.Ran done = new Attempt.Ran(info);
                rec.latest = done;
                rec.stopping = false;
                ended(rec, done, now);
                ctx.probes().stopped(info.id());
            }
        }
    }

    private void ended(ContainerRecord rec, Attempt.Ran done, Instant now) {
        CrashLoopBackoff b = ctx.backoff();
        rec.crashesInRow = b.next(rec.crashesInRow, done.ranFor(now));
        rec.backoff = b.delay(rec.crashesInRow);
        Instant finishedAt = ((RuntimeState.Exited) done.info().state()).finishedAt();
        rec.restartNotBefore = finishedAt.plus(rec.backoff);
        rec.probes = ContainerRecord.NOT_PROBED;
    }

    /**
     * Takes in the probes' verdicts: state changes are logged and recorded as events; a running instance gets the
     * probes' started/ready, and one whose liveness or startup probe FAILED is stopped, so that the restart policy
     * restarts it. Changes of earlier instances are dropped.
     */
    private void applyProbes(Pod p) {
        Map<String, String> failures = new java.util.HashMap<>();
        ProbeEvent e;
        while ((e = probeEvents.poll()) != null) {
            ContainerRecord rec = records.get(e.target().containerName());
            if (rec == null || !(rec.latest instanceof Attempt.Ran ran) || !ran.info().running()
                    || !ran.info().id().value().equals(e.target().containerId())
                    || e.state() != ProbeState.FAILURE) {
                continue;
            }
            String message = e.type().display() + " probe failed: " + e.message();
            LOG.info("pod {}/{}: container {}: {}", namespace, name, rec.name, message);
            ctx.events().ifPresent(r -> r.warning(p, "Unhealthy", message));
            failures.put(rec.name, e.type().display().toLowerCase(java.util.Locale.ROOT));
        }
        for (ContainerRecord rec : records.values()) {
            if (!(rec.latest instanceof Attempt.Ran ran) || !ran.info().running()) {
                continue;
            }
            rec.probes = ctx.probes().status(ran.info().id());
            if (!rec.probes.live() && !rec.stopping) {
                String probe = failures.getOrDefault(rec.name, "liveness");
                LOG.info("pod {}/{}: container {} failed its {} probe: restarting it", namespace, name, rec.name,
                        probe);
                ctx.events().ifPresent(r -> r.normal(p, "Killing", "Container " + rec.name + " failed " + probe
                        + " probe, will be restarted"));
                stop(rec, ran, spec(p));
            }
        }
    }

    private void reconcile(Pod p, Instant now) {
        String policy = p.spec().restartPolicy();
        for (Container c : p.spec().containers()) {
            ContainerRecord rec = records.computeIfAbsent(c.name(), ContainerRecord::new);
            if (rec.running() || rec.stopping) {
                continue;
            }
            if (rec.latest != null) {
                if (!RestartRule.restarts(policy, rec.latest.exitCode().orElse(0))) {
                    continue;
                }
                if (rec.restartNotBefore != null && now.isBefore(rec.restartNotBefore)) {
                    wakeAt(rec.restartNotBefore);
                    continue;
                }
            }
            start(p, c, rec, now);
        }
    }

    private void start(Pod p, Container c, ContainerRecord rec, Instant now) {
        int attempt = rec.attempts;
        ContainerKey key = new ContainerKey(uid, namespace, name, c.name());
        Map<String, String> env = environment(p, c);
        ContainerSpec spec = new ContainerSpec(key, attempt, c.image(), ContainerEnv.commandLine(c, env),
                c.workingDir(), env, ctx.logs().file(key, attempt));
        RunResult result = ctx.runtime().run(spec);
        if (rec.latest != null) {
            rec.lastTerminated = rec.latest.terminated();
            if (rec.latest instanceof Attempt.Ran old) {
                ctx.runtime().remove(old.info().id());
            }
        }
        rec.attempts++;
        rec.restartNotBefore = null;
        rec.backoff = Duration.ZERO;
        if (result instanceof RunResult.Started s) {
            rec.latest = new Attempt.Ran(s.info());
            logStates.put(c.name(), new LogState(attempt, s.info().id()));
            ctx.logs().prune(key, attempt - 1);
            ctx.probes().started(p, c, s.info().id(), podIP(), env);
            rec.probes = ctx.probes().status(s.info().id());
            return;
        }
        RunResult.Failed f = (RunResult.Failed) result;
        LOG.info("pod {}/{}: container {} could not start: {}", namespace, name, c.name(), f.message());
        rec.latest = new Attempt.StartFailed(f.reason(), f.message(), now);
        logStates.put(c.name(), new LogState(attempt, null));
        CrashLoopBackoff b = ctx.backoff();
        rec.crashesInRow = b.next(rec.crashesInRow, Duration.ZERO);
        rec.backoff = b.delay(rec.crashesInRow);
        rec.restartNotBefore = now.plus(rec.backoff);
        if (RestartRule.restarts(p.spec().restartPolicy(), Attempt.StartFailed.EXIT_CODE)) {
            wakeAt(rec.restartNotBefore);
        }
    }

    private void stopAll(Duration grace) {
        for (ContainerRecord rec : records.values()) {
            if (rec.latest instanceof Attempt.Ran ran && ran.info().running() && !rec.stopping) {
                stop(rec, ran, grace);
            }
        }
    }

    private void stop(ContainerRecord rec, Attempt.Ran ran, Duration grace) {
        rec.stopping = true;
        ctx.runtime().stop(ran.info().id(), grace).whenComplete((i, e) -> requestSync());
    }

    private boolean anyRunning() {
        return records.values().stream().anyMatch(ContainerRecord::running);
    }

    /** Deletes the pod for good (grace 0), with the uid as precondition so a pod re-created under the name is spared. */
    private void deletePod() {
        if (!deleteSent.compareAndSet(false, true)) {
            return;
        }
        ctx.client().pods().deleteAsync(namespace, name, DeleteOptions.defaults().withGracePeriodSeconds(0L)
                .withPreconditions(uid, null)).whenComplete((r, e) -> {
                    Throwable cause = e == null ? null : NodeHeartbeat.unwrap(e);
                    if (cause != null && !(cause instanceof NotFoundException) && !(cause instanceof ConflictException)) {
                        LOG.warn("cannot delete pod {}/{}: {}", namespace, name, cause.toString());
                        deleteSent.set(false);
                        ctx.executor().schedule(this::requestSync, RETRY.toMillis(), TimeUnit.MILLISECONDS);
                    } else {
                        LOG.info("pod {}/{}: containers stopped, pod deleted", namespace, name);
                    }
                });
    }

    private void finish() {
        finished = true;
        for (ContainerRecord rec : records.values()) {
            if (rec.latest instanceof Attempt.Ran ran) {
                ctx.probes().stopped(ran.info().id());
                ctx.runtime().remove(ran.info().id());
            }
        }
        ctx.addresses().release(uid);
        if (wakeup != null) {
            wakeup.cancel(false);
        }
        try {
            ctx.logs().deletePod(namespace, name, uid);
        } catch (java.io.IOException e) {
            LOG.warn("cannot delete the logs of pod {}/{}: {}", namespace, name, e.toString());
        }
        LOG.info("pod {}/{} (uid {}) has left the node", namespace, name, uid);
        onFinished.accept(this);
    }

    private void report(Pod p, boolean terminating, Instant now) {
        PodStatus base = lastWritten != null ? lastWritten : p.status();
        Pod basis = p.withStatus(base);
        PodStatus desired = PodStatuses.build(basis, records, ctx.config().address(), podIP, startTime, terminating,
                now);
        if (desired.equals(lastWritten) || lastWritten == null && desired.equals(p.status())) {
            return;
        }
        if (!writing.compareAndSet(false, true)) {
            return; // the write in flight triggers another sync when it completes
        }
        ctx.client().pods().updateStatusAsync(p.withStatus(desired)).whenComplete((res, e) -> {
            writing.set(false);
            if (e == null) {
                lastWritten = desired;
                requestSync();
                return;
            }
            Throwable cause = NodeHeartbeat.unwrap(e);
            if (cause instanceof NotFoundException) {
                return;
            }
            if (!(cause instanceof ConflictException)) {
                LOG.warn("cannot update the status of pod {}/{}: {}", namespace, name, cause.toString());
            }
            ctx.executor().schedule(this::requestSync, cause instanceof ConflictException ? 50 : RETRY.toMillis(),
                    TimeUnit.MILLISECONDS);
        });
    }

    private boolean terminal(Pod p) {
        String phase = lastWritten != null ? lastWritten.phase() : p.status().phase();
        return PodStatuses.SUCCEEDED.equals(phase) || PodStatuses.FAILED.equals(phase)
                || PodStatuses.SUCCEEDED.equals(p.status().phase()) || PodStatuses.FAILED.equals(p.status().phase());
    }

    private String describe() {
        StringBuilder b = new StringBuilder();
        for (ContainerRecord r : records.values()) {
            b.append(r.name).append("[attempts=").append(r.attempts).append(" latest=").append(r.latest)
                    .append(" notBefore=").append(r.restartNotBefore).append("] ");
        }
        return b.toString();
    }

    /**
     * Syncs again at {@code at} (or earlier if already due then). The timer clears {@link #wakeupAt} before it
     * requests the sync, so a sync that runs because of it always sees no pending wake-up and can set the next one.
     */
    private void wakeAt(Instant at) {
        Instant pending = wakeupAt.get();
        if (pending != null && !pending.isAfter(at)) {
            return;
        }
        wakeupAt.set(at);
        if (wakeup != null) {
            wakeup.cancel(false);
        }
        long delay = Math.max(0, Duration.between(ctx.clock().instant(), at).toMillis() + 1);
        LOG.debug("pod {}/{}: next sync in {} ms", namespace, name, delay);
        try {
            wakeup = ctx.executor().schedule(() -> {
                wakeupAt.compareAndSet(at, null);
                requestSync();
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            wakeup = null;
            wakeupAt.set(null);
        }
    }

    private Map<String, String> environment(Pod p, Container c) {
        return ContainerEnv.environment(p, c, ctx.config().nodeName(), podIP(), ctx.config().address(), ctx.nodeEnv());
    }

    /** The pod's address (the node's until one is assigned; see {@link #assignAddress}). */
    private String podIP() {
        return podIP.orElse(ctx.config().address());
    }

    /**
     * Gives the pod its address on the first sync (the same one it had if the agent restarted). While the pod CIDR
     * is exhausted the pod has none and its containers do not start; it is retried every few seconds.
     */
    private void assignAddress(Pod p, Instant now) {
        if (podIP.isPresent()) {
            return;
        }
        podIP = ctx.addresses().assign(uid, Boolean.TRUE.equals(p.spec().hostNetwork()));
        if (podIP.isEmpty()) {
            String message = "no free pod address in " + ctx.config().podCidr().orElse("?") + " on node "
                    + ctx.config().nodeName();
            LOG.warn("pod {}/{}: {}", namespace, name, message);
            ctx.events().ifPresent(r -> r.warning(p, "FailedCreatePodSandBox", message));
            wakeAt(now.plus(ADDRESS_RETRY));
        }
    }

    private static Duration grace(Pod p) {
        Long g = p.metadata().deletionGracePeriodSeconds();
        return g != null ? Duration.ofSeconds(g) : spec(p);
    }

    private static Duration spec(Pod p) {
        Long g = p.spec().terminationGracePeriodSeconds();
        return Duration.ofSeconds(g == null ? 30 : g);
    }

    /** Where the log of {@code container} (or the only one) is; see {@link dev.keel.node.logs.LogLocator}. */
    LogLookup log(String container, boolean previous) {
        Pod p = pod;
        List<String> names = p.spec().containers().stream().map(Container::name).toList();
        String c = container;
        if (c == null || c.isEmpty()) {
            if (names.size() != 1) {
                return new LogLookup.Missing(400, "a container name must be specified for pod " + name
                        + ", choose one of: " + names);
            }
            c = names.get(0);
        }
        if (!names.contains(c)) {
            return new LogLookup.Missing(400, "container " + c + " is not valid for pod " + name);
        }
        LogState s = logStates.get(c);
        ContainerKey key = new ContainerKey(uid, namespace, name, c);
        if (previous) {
            if (s == null || s.attempt() == 0 || !Files.exists(ctx.logs().file(key, s.attempt() - 1))) {
                return new LogLookup.Missing(400, "previous terminated container \"" + c + "\" in pod \"" + name
                        + "\" not found");
            }
            return new LogLookup.Found(new LogTarget(ctx.logs().file(key, s.attempt() - 1), () -> false));
        }
        if (s == null) {
            return new LogLookup.Missing(400, "container \"" + c + "\" in pod \"" + name
                    + "\" is waiting to start: ContainerCreating");
        }
        ContainerId id = s.id();
        return new LogLookup.Found(new LogTarget(ctx.logs().file(key, s.attempt()),
                () -> id != null && ctx.runtime().status(id).map(ContainerInfo::running).orElse(false)));
    }
}
