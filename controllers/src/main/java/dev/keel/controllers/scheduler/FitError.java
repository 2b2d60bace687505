package dev.keel.controllers.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Why a pod fits no node: the rejection of every node and, when a pre-filter rejected the pod outright, that
 * message. {@link #message()} is the summary Kubernetes writes into the PodScheduled condition and the
 * FailedScheduling event.
 *
 * @param podKey               {@code namespace/name} of the pod
 * @param numAllNodes          nodes in the snapshot
 * @param nodeStatuses         each rejected node's status (unschedulable or unresolvable)
 * @param preFilterMessage     the reason of a pre-filter rejection, if the cycle stopped there
 * @param unschedulablePlugins names of the plugins that rejected something (for requeueing decisions)
 */
public record FitError(String podKey, int numAllNodes, Map<String, Status> nodeStatuses,
                       Optional<String> preFilterMessage, Set<String> unschedulablePlugins) {
    /** What Kubernetes says when there is no node at all. */
    public static final String NO_NODES_AVAILABLE = "no nodes available to schedule pods";

    public FitError {
        Objects.requireNonNull(podKey, "podKey");
        nodeStatuses = Map.copyOf(nodeStatuses);
        Objects.requireNonNull(preFilterMessage, "preFilterMessage");
        unschedulablePlugins = Set.copyOf(unschedulablePlugins);
    }

    /**
     * The summary, exactly as Kubernetes formats it: {@code "0/N nodes are available: "} then either the pre-filter
     * message or, for each distinct reason, {@code "<count> <reason>"}, these strings sorted and joined with
     * {@code ", "}, then a period. A node rejected with two reasons counts once for each. Example (the sort is on
     * the whole string, count included):
     * {@code 0/5 nodes are available: 2 node(s) had untolerated taint {key: value}, 3 Insufficient cpu.}
     * With no node at all: {@value #NO_NODES_AVAILABLE}.
     */
    public String message() {
        if (numAllNodes == 0 && preFilterMessage.isEmpty()) {
            return NO_NODES_AVAILABLE;
        }
        StringBuilder sb = new StringBuilder("0/").append(numAllNodes).append(" nodes are available:");
        if (preFilterMessage.isPresent()) {
            return sb.append(' ').append(preFilterMessage.get()).append('.').toString();
        }
        Map<String, Integer> histogram = new TreeMap<>();
        for (Status s : nodeStatuses.values()) {
            for (String reason : s.reasons()) {
                histogram.merge(reason, 1, Integer::sum);
            }
        }
        List<String> counted = new ArrayList<>();
        histogram.forEach((reason, count) -> counted.add(count + " " + reason));
        counted.sort(null);
        if (!counted.isEmpty()) {
            sb.append(' ').append(String.join(", ", counted)).append('.');
        }
        return sb.toString();
    }
}
