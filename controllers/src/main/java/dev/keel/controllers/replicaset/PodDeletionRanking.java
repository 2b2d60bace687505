package dev.keel.controllers.replicaset;

import dev.keel.api.core.ContainerStatus;
import dev.keel.api.core.Pod;
import dev.keel.controllers.util.PodConditions;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which a ReplicaSet deletes surplus pods, first to go first (Kubernetes' {@code ActivePodsWithRanks}):
 * <ol>
 *   <li>unscheduled before scheduled;</li>
 *   <li>Pending before Unknown before Running;</li>
 *   <li>not ready before ready;</li>
 *   <li>lower {@code controller.kubernetes.io/pod-deletion-cost} first;</li>
 *   <li>more of the ReplicaSet's pods on the same node first (spread what stays);</li>
 *   <li>among ready pods, ready for a shorter time first;</li>
 *   <li>more container restarts first;</li>
 *   <li>newer first (no creation time counts as newest), then by name for a stable order.</li>
 * </ol>
 */
final class PodDeletionRanking {
    static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private PodDeletionRanking() {
    }

    /** A comparator for {@code pods} (the ranks count pods per node among them). */
    static Comparator<Pod> of(List<Pod> pods) {
        Map<String, Integer> perNode = new HashMap<>();
        for (Pod p : pods) {
            String node = p.spec().nodeName();
            if (node != null && !node.isEmpty()) {
                perNode.merge(node, 1, Integer::sum);
            }
        }
        return (a, b) -> compare(a, b, perNode);
    }

    private static int compare(Pod a, Pod b, Map<String, Integer> perNode) {
        boolean aBound = bound(a);
        boolean bBound = bound(b);
        if (aBound != bBound) {
            return aBound ? 1 : -1;
        }
        int c = Integer.compare(phaseOrdinal(a), phaseOrdinal(b));
        if (c != 0) {
            return c;
        }
        boolean aReady = PodConditions.isReady(a);
        boolean bReady = PodConditions.isReady(b);
        if (aReady != bReady) {
            return aReady ? 1 : -1;
        }
        c = Integer.compare(deletionCost(a), deletionCost(b));
        if (c != 0) {
            return c;
        }
        c = Integer.compare(rank(b, perNode), rank(a, perNode));
        if (c != 0) {
            return c;
        }
        if (aReady) {
            c = newerFirst(readySince(a), readySince(b));
            if (c != 0) {
                return c;
            }
        }
        c = Integer.compare(restarts(b), restarts(a));
        if (c != 0) {
            return c;
        }
        c = newerFirst(a.metadata().creationTimestamp(), b.metadata().creationTimestamp());
        if (c != 0) {
            return c;
        }
        return String.valueOf(a.metadata().name()).compareTo(String.valueOf(b.metadata().name()));
    }

    private static boolean bound(Pod p) {
        return p.spec().nodeName() != null && !p.spec().nodeName().isEmpty();
    }

    private static int phaseOrdinal(Pod p) {
        String phase = p.status().phase();
        if (phase == null || phase.equals("Pending")) {
            return 0;
        }
        return phase.equals("Unknown") ? 1 : 2;
    }

    private static int deletionCost(Pod p) {
        String v = p.metadata().annotations().get(DELETION_COST);
        if (v == null) {
            return 0;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int rank(Pod p, Map<String, Integer> perNode) {
        return bound(p) ? perNode.getOrDefault(p.spec().nodeName(), 0) : 0;
    }

    private static Instant readySince(Pod p) {
        return PodConditions.ready(p).map(c -> c.lastTransitionTime()).orElse(null);
    }

    private static int restarts(Pod p) {
        int max = 0;
        for (ContainerStatus s : p.status().containerStatuses()) {
            if (s.restartCount() != null) {
                max = Math.max(max, s.restartCount());
            }
        }
        return max;
    }

    /** Missing times first, then later (newer) times before earlier ones. */
    private static int newerFirst(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return b.compareTo(a);
    }
}
