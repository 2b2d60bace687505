package dev.keel.controllers.scheduler.queue;

import dev.keel.api.core.Pod;
import dev.keel.api.workqueue.Ticker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pods waiting to be scheduled, in three parts, as in Kubernetes:
 * <ul>
 *   <li><b>active</b>: ready to be tried, highest {@code spec.priority} first, then oldest
 *       {@code creationTimestamp}, then first added;</li>
 *   <li><b>back-off</b>: failed recently, ready again when their back-off ({@link QueueConfig#backoffAfter}) from
 *       the last failure has passed; moved to active by {@link #pop} and {@link #flushBackoffCompleted};</li>
 *   <li><b>unschedulable</b>: fitted no node; parked until a {@link ClusterEvent} moves them back (to back-off if
 *       their back-off is still running, else to active), or until {@link #flushUnschedulableLeftover} finds them
 *       parked longer than {@link QueueConfig#unschedulableTimeout}.</li>
 * </ul>
 * A popped pod is <em>in flight</em> until the caller reports the outcome: {@link #done} (bound),
 * {@link #requeueUnschedulable} (no fit) or {@link #requeueAfterError} (a failure, e.g. the bind failed). If a
 * cluster event arrives while a pod is in flight, a later "unschedulable" sends it to back-off, not to the parking
 * lot: the event may be exactly what it needed. An update while in flight is kept for the requeue; a delete while in
 * flight drops it.
 *
 * <p>Pods that are not this scheduler's ({@link #isResponsibleFor}) are ignored. Back-off and parking times follow
 * the injected {@link Ticker}; the timeout of {@link #pop} is real time. Thread-safe.
 */
public final class SchedulingQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulingQueue.class);

    private final QueueConfig config;
    private final Ticker ticker;
    /** Guards every field below; nothing else is locked while it is held. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PodHeap active = new PodHeap(PodHeap.BY_PRIORITY_THEN_AGE);
    private final PodHeap backoff = new PodHeap(PodHeap.BY_READY_TIME);
    private final Map<String, QueuedPod> unschedulable = new HashMap<>();
    private final Map<String, InFlight> inFlight = new HashMap<>();
    /** Counts pops; a cluster event records the count in {@link #moveRequestCycle}. */
    private long schedulingCycle;
    private long moveRequestCycle = -1;
    private boolean closed;

    /** A popped pod: the cycle it was popped in, and what happened to it meanwhile. */
    private static final class InFlight {
        final long cycle;
        Pod updated;
        boolean deleted;

        InFlight(long cycle) {
            this.cycle = cycle;
        }
    }

    public SchedulingQueue(QueueConfig config, Ticker ticker) {
        this.config = Objects.requireNonNull(config, "config");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * True for pods this scheduler should place: no {@code spec.nodeName} yet, not being deleted, not finished,
     * and a {@code spec.schedulerName} this scheduler serves (or none).
     */
    public boolean isResponsibleFor(Pod pod) {
        String nodeName = pod.spec().nodeName();
        String phase = pod.status().phase();
        if ((nodeName != null && !nodeName.isEmpty()) || pod.metadata().deletionTimestamp() != null
                || "Succeeded".equals(phase) || "Failed".equals(phase)) {
            return false;
        }
        String scheduler = pod.spec().schedulerName();
        return scheduler == null || scheduler.isEmpty() || config.schedulerNames().contains(scheduler);
    }

    /** A new pending pod (informer add); false if it is not this scheduler's. Adding a known pod updates it. */
    public boolean add(Pod pod) {
        return update(null, pod);
    }

    /**
     * A pod changed. One that is no longer this scheduler's (bound, deleted) leaves the queue. A parked
     * unschedulable pod whose spec, labels or annotations changed is moved back to be retried; a status-only change
     * (such as our own PodScheduled condition) leaves it parked. False if the pod is not this scheduler's.
     */
    public boolean update(Pod oldPod, Pod newPod) {
        if (!isResponsibleFor(newPod)) {
            delete(newPod.metadata().key());
            return false;
        }
        String key = newPod.metadata().key();
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            InFlight flying = inFlight.get(key);
            if (flying != null) {
                flying.updated = newPod;
            } else if (active.contains(key)) {
                pushActiveLocked(active.remove(key).orElseThrow().withPod(newPod));
            } else if (backoff.contains(key)) {
                pushBackoffLocked(backoff.remove(key).orElseThrow().withPod(newPod));
            } else if (unschedulable.containsKey(key)) {
                QueuedPod parked = unschedulable.get(key).withPod(newPod);
                if (oldPod == null || materiallyChanged(oldPod, newPod)) {
                    unschedulable.remove(key);
                    moveLocked(parked);
                } else {
                    unschedulable.put(key, parked);
                }
            } else {
                pushActiveLocked(newQueuedPod(newPod));
            }
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The pod {@code podKey} ({@code namespace/name}) was deleted or assigned elsewhere: forget it. */
    public void delete(String podKey) {
        lock.lock();
        try {
            boolean wasActive = active.remove(podKey).isPresent();
            boolean wasBackingOff = backoff.remove(podKey).isPresent();
            boolean wasParked = unschedulable.remove(podKey) != null;
            InFlight f = inFlight.get(podKey);
            if (f != null) {
                f.deleted = true;
            }
            if (wasActive || wasBackingOff || wasParked) {
                LOG.debug("pod {} left the scheduling queue", podKey);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next pod to schedule, waiting up to {@code timeout} for one; empty on timeout or after {@link #close}.
     * The pod is in flight until {@link #done}, {@link #requeueUnschedulable} or {@link #requeueAfterError}; its
     * {@code attempts} include this one.
     */
    public Optional<QueuedPod> pop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!closed) {
                flushBackoffCompletedLocked();
                Optional<QueuedPod> next = active.pollFirst();
                if (next.isPresent()) {
                    QueuedPod info = next.get();
                    schedulingCycle++;
                    inFlight.put(info.key(), new InFlight(schedulingCycle));
                    return Optional.of(new QueuedPod(info.pod(), info.attempts() + 1, info.enqueuedNanos(),
                            info.firstQueuedNanos()));
                }
                long wait = deadline - System.nanoTime();
                if (wait <= 0) {
                    return Optional.empty();
                }
                Optional<PodHeap.Entry> soonest = backoff.first();
                if (soonest.isPresent()) {
                    wait = Math.min(wait, Math.max(1_000_000L, soonest.get().readyNanos() - ticker.nanoTime()));
                }
                changed.awaitNanos(wait);
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** The in-flight pod {@code podKey} was bound (or is not to be retried): it leaves the queue. */
    public void done(String podKey) {
        lock.lock();
        try {
            inFlight.remove(podKey);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The in-flight pod fitted no node: park it as unschedulable, or send it to back-off when a cluster event or
     * an update of the pod arrived since it was popped. A pod deleted meanwhile is dropped.
     */
    public void requeueUnschedulable(QueuedPod popped) {
        requeue(popped, false);
    }

    /** The in-flight pod failed for another reason (plugin error, bind failure): retry it after its back-off. */
    public void requeueAfterError(QueuedPod popped) {
        requeue(popped, true);
    }

    /** Moves every parked unschedulable pod back (to active, or to back-off while its back-off runs). */
    public void onClusterEvent(ClusterEvent event) {
        lock.lock();
        try {
            moveRequestCycle = schedulingCycle;
            if (!unschedulable.isEmpty()) {
                LOG.debug("{} moves {} unschedulable pods back", event, unschedulable.size());
                unschedulable.values().forEach(this::moveLocked);
                unschedulable.clear();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Moves pods whose back-off has passed to active (the scheduler calls this about once a second). */
    public void flushBackoffCompleted() {
        lock.lock();
        try {
            if (flushBackoffCompletedLocked()) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Retries pods parked longer than {@link QueueConfig#unschedulableTimeout} (called every few seconds). */
    public void flushUnschedulableLeftover() {
        lock.lock();
        try {
            long now = ticker.nanoTime();
            long timeout = config.unschedulableTimeout().toNanos();
            List<QueuedPod> stale = new ArrayList<>();
            unschedulable.values().stream().filter(p -> now - p.enqueuedNanos() >= timeout).forEach(stale::add);
            for (QueuedPod p : stale) {
                unschedulable.remove(p.key());
                moveLocked(p);
            }
            if (!stale.isEmpty()) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    public QueueLengths lengths() {
        lock.lock();
        try {
            return new QueueLengths(active.size(), backoff.size(), unschedulable.size(), inFlight.size());
        } finally {
            lock.unlock();
        }
    }

    /** Wakes waiting {@link #pop}s, which return empty from now on. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void requeue(QueuedPod popped, boolean afterError) {
        String key = popped.key();
        lock.lock();
        try {
            InFlight flying = inFlight.remove(key);
            if (flying == null) {
                throw new IllegalStateException("pod " + key + " was requeued but is not in flight");
            }
            if (flying.deleted || closed) {
                return;
            }
            Pod pod = flying.updated != null ? flying.updated : popped.pod();
            QueuedPod again = new QueuedPod(pod, popped.attempts(), ticker.nanoTime(), popped.firstQueuedNanos());
            if (afterError || flying.updated != null || moveRequestCycle >= flying.cycle) {
                pushBackoffLocked(again);
            } else {
                unschedulable.put(key, again);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean flushBackoffCompletedLocked() {
        long now = ticker.nanoTime();
        boolean moved = false;
        while (backoff.first().filter(e -> e.readyNanos() <= now).isPresent()) {
            pushActiveLocked(backoff.pollFirst().orElseThrow());
            moved = true;
        }
        return moved;
    }

    /** To active if the pod's back-off has passed, else to back-off. */
    private void moveLocked(QueuedPod p) {
        if (readyNanos(p) <= ticker.nanoTime()) {
            pushActiveLocked(p);
        } else {
            pushBackoffLocked(p);
        }
    }

    private QueuedPod newQueuedPod(Pod pod) {
        long now = ticker.nanoTime();
        return new QueuedPod(pod, 0, now, now);
    }

    private void pushActiveLocked(QueuedPod p) {
        active.push(p, 0);
    }

    private void pushBackoffLocked(QueuedPod p) {
        backoff.push(p, readyNanos(p));
    }

    private long readyNanos(QueuedPod p) {
        return p.attempts() == 0 ? p.enqueuedNanos() : p.enqueuedNanos() + config.backoffAfter(p.attempts()).toNanos();
    }

    private static boolean materiallyChanged(Pod oldPod, Pod newPod) {
        return !oldPod.spec().equals(newPod.spec())
                || !oldPod.metadata().labels().equals(newPod.metadata().labels())
                || !oldPod.metadata().annotations().equals(newPod.metadata().annotations());
    }
}
