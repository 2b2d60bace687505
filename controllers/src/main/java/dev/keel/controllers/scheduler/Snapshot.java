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
    private final List<NodeInfo> nodes;
    /** Node name to index in {@link #nodes}; shared by snapshots derived with {@link #with} for a known node. */
    private final Map<String, Integer> positions;

    private Snapshot(List<NodeInfo> sortedNodes, Map<String, Integer> positions) {
        this.nodes = sortedNodes;
        this.positions = positions;
    }

    public static Snapshot of(Collection<NodeInfo> nodeInfos) {
        List<NodeInfo> sorted = new ArrayList<>(nodeInfos);
        sorted.sort(Comparator.comparing(NodeInfo::name));
        Map<String, Integer> index = new HashMap<>(sorted.size() * 2);
        for (int i = 0; i < sorted.size(); i++) {
            if (index.put(sorted.get(i).name(), i) != null) {
                throw new IllegalArgumentException("node " + sorted.get(i).name() + " appears twice in the snapshot");
            }
        }
        return new Snapshot(Collections.unmodifiableList(sorted), Collections.unmodifiableMap(index));
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
            List<NodeInfo> more = new ArrayList<>(nodes);
            more.add(info);
            return of(more);
        }
        NodeInfo[] copy = nodes.toArray(new NodeInfo[0]);
        copy[at] = info;
        return new Snapshot(Collections.unmodifiableList(Arrays.asList(copy)), positions);
    }

    /** All nodes, ordered by name. */
    public List<NodeInfo> nodeInfos() {
        return nodes;
    }

    public Optional<NodeInfo> get(String nodeName) {
        Integer at = positions.get(nodeName);
        return at == null ? Optional.empty() : Optional.of(nodes.get(at));
    }

    public int size() {
        return nodes.size();
    }
}
