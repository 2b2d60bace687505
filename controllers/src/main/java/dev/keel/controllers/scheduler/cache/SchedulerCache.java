package dev.keel.controllers.scheduler.cache;

import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.workqueue.Ticker;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.Snapshot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The scheduler's view of the cluster between cycles: nodes and the pods bound to them, as the informers report
 * them, plus <em>assumed</em> pods: pods the scheduler has placed but whose binding the watch has not shown yet, so
 * that the next cycle already counts their resources and ports.
 *
 * <p>Life of an assumed pod: {@link #assume} when binding starts; then either {@link #forget} (the bind failed,
 * the pod goes back to the queue), or the informer reports the pod bound ({@link #addPod}/{@link #updatePod}) and
 * the assumption is <em>confirmed</em> (replaced by the real pod). {@link #finishBinding} starts a TTL: an assumed
 * pod never confirmed within it is dropped by {@link #cleanupExpired} (its bind was lost).
 *
 * <p>Pods bound to a node the cache does not know yet are kept and appear once the node is added. Finished pods
 * (Succeeded, Failed) hold nothing and are removed. Thread-safe.
 *
 * <p>Snapshots: {@link #refresh} brings the scheduling loop's own snapshot up to date in place, touching only the
 * nodes changed since its last refresh (a log of the last {@value #CHANGE_LOG} changes; an older snapshot, a
 * change of the node set, or one in which a tenth of the nodes were replaced gets a fresh
 * {@link Snapshot#denseCopy dense copy}); {@link #snapshot()} makes an immutable copy. The sorted node array is
 * rebuilt only when a cycle needs it after nodes were added or removed, so the initial list of N nodes costs one
 * sort, not N.
 */
public final class SchedulerCache {
    private static final Logger LOG = LoggerFactory.getLogger(SchedulerCache.class);
    /** How many node changes a refresh can apply in place; a snapshot further behind is copied anew. */
    static final int CHANGE_LOG = 1024;
    /**
     * A refreshed snapshot is copied anew (with its node infos together in memory, see {@link Snapshot#denseCopy})
     * once its count of replaced nodes exceeds its size divided by this.
     */
    static final int DENSE_AGAIN_AFTER = 10;

    private final Ticker ticker;
    private final Duration assumedTtl;
    /** Guards every field below; nothing else is locked while it is held. */
    private final ReentrantLock lock = new ReentrantLock();
    /** By name; a hash map, as names of a large cluster share long prefixes (the snapshot sorts them once). */
    private final Map<String, NodeInfo> nodes = new HashMap<>();
    /** Every known pod (bound or assumed) by key, with the node it is on. */
    private final Map<String, Pod> pods = new HashMap<>();
    /** Pod keys per node name, including nodes not (yet) known. */
    private final Map<String, Set<String>> podsByNode = new HashMap<>();
    /** Assumed pods by key; the deadline is set by finishBinding (Long.MAX_VALUE until then). */
    private final Map<String, Long> assumedDeadlines = new HashMap<>();
    /**
     * {@link #nodes} sorted, updated in place on every change of a known node; null after nodes were added or
     * removed, until a snapshot is asked for (see {@link #sorted()}).
     */
    private Snapshot sorted = Snapshot.of(List.of()).mutableCopy();
    /** Incremented whenever {@link #sorted} is rebuilt: snapshots of an older node set cannot be patched. */
    private long nodeSetVersion;
    /** Node changes applied to {@link #sorted} so far; the last {@link #CHANGE_LOG} names are in {@link #changed}. */
    private long changes;
    private final String[] changed = new String[CHANGE_LOG];
    /** The snapshot {@link #refresh} handed out last, the node set it has, and the changes it reflects. */
    private Snapshot handed;
    private long handedNodeSet = -1;
    private long handedChanges;

    public SchedulerCache(Ticker ticker, Duration assumedTtl) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.assumedTtl = Objects.requireNonNull(assumedTtl, "assumedTtl");
    }

    /** A node was added or changed (labels, taints, allocatable); its pods are kept. */
    public void addOrUpdateNode(Node node) {
        String name = node.metadata().name();
        lock.lock();
        try {
            NodeInfo existing = nodes.get(name);
            if (existing != null) {
                setNodeLocked(existing.withNode(node));
                return;
            }
            List<Pod> onIt = new ArrayList<>();
            podsByNode.getOrDefault(name, Set.of()).forEach(k -> onIt.add(pods.get(k)));
            setNodeLocked(NodeInfo.of(node, onIt));
        } finally {
            lock.unlock();
        }
    }

    /** A node was deleted. Its pods stay known (they will be deleted too) but are not placed anywhere. */
    public void removeNode(String nodeName) {
        lock.lock();
        try {
            if (nodes.remove(nodeName) != null) {
                sorted = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * A pod the informer shows (bound or not; only bound, unfinished ones are kept). Confirms an assumption of the
     * same pod; if the real binding differs from the assumed node, the real one wins.
     */
    public void addPod(Pod pod) {
        String key = pod.metadata().key();
        String nodeName = pod.spec().nodeName();
        lock.lock();
        try {
            if (assumedDeadlines.remove(key) != null) {
                LOG.debug("assumed pod {} confirmed on node {}", key, nodeName);
            }
            boolean keep = nodeName != null && !nodeName.isEmpty() && !Snapshot.isTerminal(pod);
            Pod old = pods.get(key);
            if (old != null && !(keep && nodeName.equals(old.spec().nodeName()))) {
                removePodLocked(key);
            }
            if (keep) {
                putPodLocked(pod); // replaces the pod if it stays on its node (a confirmation): one node update
            }
        } finally {
            lock.unlock();
        }
    }

    /** A pod changed: as {@link #addPod} with the new object (a finished pod leaves the cache). */
    public void updatePod(Pod newPod) {
        addPod(newPod);
    }

    /** A pod was deleted: it no longer holds anything, assumed or not. */
    public void removePod(String podKey) {
        lock.lock();
        try {
            assumedDeadlines.remove(podKey);
            removePodLocked(podKey);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts {@code pod} on {@code nodeName} before the binding is known. Throws if the cache already has the pod:
     * assuming a bound or assumed pod again is a scheduler bug.
     */
    public void assume(Pod pod, String nodeName) {
        String key = pod.metadata().key();
        lock.lock();
        try {
            if (pods.containsKey(key)) {
                throw new IllegalStateException("pod " + key + " is already in the scheduler cache on node "
                        + pods.get(key).spec().nodeName() + "; cannot assume it on " + nodeName);
            }
            putPodLocked(pod.withSpec(pod.spec().withNodeName(nodeName)));
            assumedDeadlines.put(key, Long.MAX_VALUE);
        } finally {
            lock.unlock();
        }
    }

    /** The bind request for an assumed pod returned; the assumption now expires after the TTL if unconfirmed. */
    public void finishBinding(String podKey) {
        lock.lock();
        try {
            assumedDeadlines.computeIfPresent(podKey, (k, d) -> ticker.nanoTime() + assumedTtl.toNanos());
        } finally {
            lock.unlock();
        }
    }

    /** The bind failed: drop the assumed pod (a no-op if it is not assumed, e.g. already confirmed). */
    public void forget(String podKey) {
        lock.lock();
        try {
            if (assumedDeadlines.remove(podKey) != null) {
                removePodLocked(podKey);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops assumed pods whose TTL passed without confirmation; returns their keys. */
    public List<String> cleanupExpired() {
        lock.lock();
        try {
            long now = ticker.nanoTime();
            List<String> expired = new ArrayList<>();
            assumedDeadlines.forEach((k, deadline) -> {
                if (deadline <= now) {
                    expired.add(k);
                }
            });
            for (String k : expired) {
                assumedDeadlines.remove(k);
                removePodLocked(k);
                LOG.warn("assumed pod {} expired: its binding was never observed", k);
            }
            return expired;
        } finally {
            lock.unlock();
        }
    }

    public boolean isAssumed(String podKey) {
        lock.lock();
        try {
            return assumedDeadlines.containsKey(podKey);
        } finally {
            lock.unlock();
        }
    }

    /** The current state as an immutable snapshot (a copy: O(nodes)); later changes do not affect it. */
    public Snapshot snapshot() {
        lock.lock();
        try {
            return sorted().immutableCopy();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The current state in a snapshot for the scheduling loop: {@code previous} (the snapshot this method returned
     * last, or null) changed in place to the current state when possible, else a new mutable snapshot. The caller
     * owns the result and must not read {@code previous} any more; one thread calls this and reads the snapshots it
     * returns, between its calls.
     */
    public Snapshot refresh(Snapshot previous) {
        lock.lock();
        try {
            Snapshot now = sorted();
            if (previous != null && previous == handed && handedNodeSet == nodeSetVersion
                    && changes - handedChanges <= CHANGE_LOG
                    && previous.replacedCount() <= previous.size() / DENSE_AGAIN_AFTER) {
                for (long c = handedChanges; c < changes; c++) {
                    previous.replace(nodes.get(changed[(int) (c % CHANGE_LOG)]));
                }
                handedChanges = changes;
                return previous;
            }
            handed = now.denseCopy();
            handedNodeSet = nodeSetVersion;
            handedChanges = changes;
            return handed;
        } finally {
            lock.unlock();
        }
    }

    /** {@link #sorted}, rebuilt if the node set changed. */
    private Snapshot sorted() {
        if (sorted == null) {
            sorted = Snapshot.of(nodes.values()).mutableCopy();
            nodeSetVersion++;
        }
        return sorted;
    }

    private void setNodeLocked(NodeInfo info) {
        if (nodes.put(info.name(), info) == null) {
            sorted = null; // a new node: the order changes
        } else if (sorted != null) {
            sorted.replace(info);
            changed[(int) (changes % CHANGE_LOG)] = info.name();
            changes++;
        }
    }

    private void putPodLocked(Pod pod) {
        String key = pod.metadata().key();
        String nodeName = pod.spec().nodeName();
        pods.put(key, pod);
        podsByNode.computeIfAbsent(nodeName, n -> new LinkedHashSet<>()).add(key);
        NodeInfo info = nodes.get(nodeName);
        if (info != null) {
            setNodeLocked(info.withPod(pod)); // replaces a pod with the same key
        }
    }

    private void removePodLocked(String key) {
        Pod old = pods.remove(key);
        if (old == null) {
            return;
        }
        String nodeName = old.spec().nodeName();
        Set<String> keys = podsByNode.get(nodeName);
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                podsByNode.remove(nodeName);
            }
        }
        NodeInfo info = nodes.get(nodeName);
        if (info != null) {
            setNodeLocked(info.withoutPod(key));
        }
    }
}
