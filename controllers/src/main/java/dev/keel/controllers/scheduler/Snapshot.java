package dev.keel.controllers.scheduler;

import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster as one scheduling cycle sees it: a {@link NodeInfo} per node, ordered by node name. Immutable; the
 * cache produces a new one per cycle.
 */
public final class Snapshot {
    private final List<NodeInfo> nodes;
    private final Map<String, NodeInfo> byName;

    private Snapshot(List<NodeInfo> nodes) {
        List<NodeInfo> sorted = new ArrayList<>(nodes);
        sorted.sort(Comparator.comparing(NodeInfo::name));
        Map<String, NodeInfo> index = new LinkedHashMap<>();
        for (NodeInfo n : sorted) {
            if (index.put(n.name(), n) != null) {
                throw new IllegalArgumentException("node " + n.name() + " appears twice in the snapshot");
            }
        }
        this.nodes = List.copyOf(sorted);
        this.byName = index;
    }

    public static Snapshot of(Collection<NodeInfo> nodeInfos) {
        return new Snapshot(List.copyOf(nodeInfos));
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
        return new Snapshot(infos);
    }

    /** True for pods that have finished and no longer hold resources on their node. */
    public static boolean isTerminal(Pod pod) {
        String phase = pod.status().phase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** This snapshot with {@code info} added or replacing the node of the same name. */
    public Snapshot with(NodeInfo info) {
        Map<String, NodeInfo> copy = new LinkedHashMap<>(byName);
        copy.put(info.name(), info);
        return new Snapshot(List.copyOf(copy.values()));
    }

    /** All nodes, ordered by name. */
    public List<NodeInfo> nodeInfos() {
        return nodes;
    }

    public Optional<NodeInfo> get(String nodeName) {
        return Optional.ofNullable(byName.get(nodeName));
    }

    public int size() {
        return nodes.size();
    }
}
