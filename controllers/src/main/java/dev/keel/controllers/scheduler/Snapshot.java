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
 * The cluster as one scheduling cycle sees it: a {@link NodeInfo} per node, ordered by node name. Immutable; the
 * cache derives a new one on every change ({@link #with} is cheap when the node set is unchanged).
 */
public final class Snapshot {
    /** Ordered by name; never modified (the filter loop reads it directly, see {@link #nodeAt}). */
    private final NodeInfo[] nodes;
    /** {@link #nodes} as a read-only list. */
    private final List<NodeInfo> nodeList;
    /** Node name to index in {@link #nodes}; shared by snapshots derived with {@link #with} for a known node. */
    private final Map<String, Integer> positions;

    private Snapshot(NodeInfo[] sortedNodes, Map<String, Integer> positions) {
        this.nodes = sortedNodes;
        this.nodeList = Collections.unmodifiableList(Arrays.asList(sortedNodes));
        this.positions = positions;
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
        return new Snapshot(sorted, Collections.unmodifiableMap(index));
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
        return new Snapshot(copy, positions);
    }

    /** All nodes, ordered by name. */
    public List<NodeInfo> nodeInfos() {
        return nodeList;
    }

    /** The node at {@code index} of {@link #nodeInfos()}, without going through the list (the filter loop). */
    NodeInfo nodeAt(int index) {
        return nodes[index];
    }

    public Optional<NodeInfo> get(String nodeName) {
        Integer at = positions.get(nodeName);
        return at == null ? Optional.empty() : Optional.of(nodes[at]);
    }

    public int size() {
        return nodes.length;
    }
}
