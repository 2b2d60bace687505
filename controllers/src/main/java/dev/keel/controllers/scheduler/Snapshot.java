package dev.keel.controllers.scheduler;

import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster as one scheduling cycle sees it: a {@link NodeInfo} per node, ordered by node name.
 *
 * <p>Immutable, except a snapshot made by {@link #mutableCopy()}: its owner may {@link #replace} nodes in it
 * between cycles. The scheduling loop owns one such snapshot and has the cache bring it up to date before each cycle
 * ({@code SchedulerCache.refresh}), changing only the nodes that changed, as Kubernetes' cache updates its snapshot:
 * deriving a new snapshot per change ({@link #with}) copied the node array twice per pod (once for the assumed
 * pod, once for its confirmation), 40 KB at 5,000 nodes.
 */
public final class Snapshot {
    /** Ordered by name; modified only by {@link #replace} (the filter loop reads it directly, see {@link #nodeAt}). */
    private final NodeInfo[] nodes;
    /** {@link #nodes} as a read-only list. */
    private final List<NodeInfo> nodeList;
    /** Node name to index in {@link #nodes}; shared by snapshots of the same node set. */
    private final Map<String, Integer> positions;
    /** True for a snapshot from {@link #mutableCopy()} or {@link #denseCopy()}. */
    private final boolean mutable;
    /** How many times {@link #replace} was called on this snapshot. */
    private int replaced;

    private Snapshot(NodeInfo[] sortedNodes, Map<String, Integer> positions, boolean mutable) {
        this.nodes = sortedNodes;
        this.nodeList = Collections.unmodifiableList(Arrays.asList(sortedNodes));
        this.positions = positions;
        this.mutable = mutable;
    }

    public static Snapshot of(Collection<NodeInfo> nodeInfos) {
        NodeInfo[] sorted = nodeInfos.toArray(NodeInfo[]::new);
        Arrays.sort(sorted, Comparator.comparing(NodeInfo::name));
        Map<String, Integer> index = new HashMap<>(sorted.length * 2);
        for (int i = 0; i < sorted.length; i++) {
            if (index.put(sorted[i].name(), i) != null) {
                throw new IllegalArgumentException("node " + sorted[i].name() + " appears twice in the snapshot");
            }
        }
        return new Snapshot(sorted, Collections.unmodifiableMap(index), false);
    }

    /**
     * Builds the snapshot from object lists, as from two informers: each pod with {@code spec.nodeName} lands on
     * that node. Pods that are not bound, are bound to a node not in {@code nodes}, or have finished (phase
     * Succeeded or Failed, so they hold no resources) are left out.
     */
    public static Snapshot of(Collection<Node> nodes, Collection<Pod> pods) {
        Map<String, List<Pod>> podsByNode = new LinkedHashMap<>();
        for (Pod p : pods) {
            String nodeName = p.spec().nodeName();
            if (nodeName != null && !nodeName.isEmpty() && !isTerminal(p)) {
                podsByNode.computeIfAbsent(nodeName, k -> new ArrayList<>()).add(p);
            }
        }
        List<NodeInfo> infos = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            infos.add(NodeInfo.of(n, podsByNode.getOrDefault(n.metadata().name(), List.of())));
        }
        return of(infos);
    }

    /** True for pods that have finished and no longer hold resources on their node. */
    public static boolean isTerminal(Pod pod) {
        String phase = pod.status().phase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /**
     * This snapshot with {@code info} replacing the node of the same name (O(nodes) copying of references, no
     * re-sorting), or added (a full rebuild).
     */
    public Snapshot with(NodeInfo info) {
        Integer at = positions.get(info.name());
        if (at == null) {
            List<NodeInfo> more = new ArrayList<>(nodeList);
            more.add(info);
            return of(more);
        }
        NodeInfo[] copy = nodes.clone();
        copy[at] = info;
        return new Snapshot(copy, positions, false);
    }

    /** A copy that its owner may change with {@link #replace} (O(nodes) copying of references); see also {@link #denseCopy()}. */
    public Snapshot mutableCopy() {
        return new Snapshot(nodes.clone(), positions, true);
    }

    /**
     * A mutable copy with copies of the node infos, made one after the other so that they lie together in memory,
     * in the order the filter loop visits them. Node infos otherwise lie wherever the heap put them when their
     * node last changed, among the many long-lived objects of a large cluster (its pods), each one on a page and
     * cache line of its own: reading them was two fifths of the scheduling loop's time at 5,000 nodes. The
     * scheduling loop's snapshot is made so, and made again when a good part of its nodes was replaced since.
     * O(nodes) allocation.
     */
    public Snapshot denseCopy() {
        NodeInfo[] copies = new NodeInfo[nodes.length];
        for (int i = 0; i < copies.length; i++) {
            copies[i] = nodes[i].copy();
        }
        return new Snapshot(copies, positions, true);
    }

    /** How many nodes {@link #replace} put in this snapshot since it was made. */
    public int replacedCount() {
        return replaced;
    }

    /** An immutable copy (O(nodes) copying of references). */
    public Snapshot immutableCopy() {
        return new Snapshot(nodes.clone(), positions, false);
    }

    /**
     * Puts {@code info} in place of the node of the same name, in this snapshot: only for a snapshot from
     * {@link #mutableCopy()}, by the one thread that owns it, while no cycle reads it.
     *
     * @throws IllegalStateException if this snapshot is immutable
     * @throws IllegalArgumentException if the snapshot has no node of that name
     */
    public void replace(NodeInfo info) {
        if (!mutable) {
            throw new IllegalStateException("this snapshot is immutable");
        }
        Integer at = positions.get(info.name());
        if (at == null) {
            throw new IllegalArgumentException("node " + info.name() + " is not in the snapshot");
        }
        nodes[at] = info;
        replaced++;
    }

    /** All nodes, ordered by name. */
    public List<NodeInfo> nodeInfos() {
        return nodeList;
    }

    /** The node at {@code index} of {@link #nodeInfos()}, without going through the list (the filter loop). */
    NodeInfo nodeAt(int index) {
        return nodes[index];
    }

    /**
     * Reads a little of each node visited at steps {@code [from, to)} of a visit that starts at node {@code start}
     * and wraps around; returns a value made of what it read, for the caller to keep. The filter loop calls it a
     * few dozen nodes ahead: the node infos lie anywhere in the heap and are rarely in the cache, and a tight loop
     * of independent reads has the processor fetch them together, where the filters (an interface call per node
     * and filter) would wait for one node after the other. It was two fifths of the scheduling loop's time.
     */
    long touch(int start, int from, int to) {
        int wrapAt = nodes.length - start;
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += nodes[i < wrapAt ? start + i : i - wrapAt].touch();
        }
        return sum;
    }

    public Optional<NodeInfo> get(String nodeName) {
        Integer at = positions.get(nodeName);
        return at == null ? Optional.empty() : Optional.of(nodes[at]);
    }

    public int size() {
        return nodes.length;
    }
}
