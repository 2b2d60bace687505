package dev.keel.controllers.deployment;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.ReplicaSet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The annotations a Deployment keeps on its ReplicaSets (and itself): the rollout revision, the revisions a
 * ReplicaSet held before (when a rollback re-used it), and the replica counts it was sized for (used by
 * proportional scaling and to detect scaling events).
 */
final class Revisions {
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    /** Deployment annotations not copied to its ReplicaSets. */
    private static final Set<String> NOT_COPIED = Set.of(REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS,
            "kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/rollback-to");

    private Revisions() {
    }

    /** The revision of a ReplicaSet; 0 if absent or unreadable. */
    static long of(ReplicaSet rs) {
        return parse(rs.metadata().annotations().get(REVISION));
    }

    static long parse(String v) {
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static long max(List<ReplicaSet> rss) {
        long max = 0;
        for (ReplicaSet rs : rss) {
            max = Math.max(max, of(rs));
        }
        return max;
    }

    /**
     * The annotations the new ReplicaSet should carry: the Deployment's own (except the ones above), the revision
     * raised to {@code newRevision} (recording the one it replaces in the history), and for a ReplicaSet about to be
     * created the replica annotations.
     */
    static Map<String, String> forNewReplicaSet(Deployment d, Map<String, String> current, long newRevision,
                                               boolean exists, int maxSurge) {
        Map<String, String> out = new HashMap<>(current);
        d.metadata().annotations().forEach((k, v) -> {
            if (!NOT_COPIED.contains(k)) {
                out.put(k, v);
            }
        });
        String old = current.get(REVISION);
        if (parse(old) < newRevision) {
            out.put(REVISION, Long.toString(newRevision));
            if (old != null && !old.isEmpty()) {
                String history = current.get(REVISION_HISTORY);
                out.put(REVISION_HISTORY, history == null || history.isEmpty() ? old : history + "," + old);
            }
        }
        if (!exists) {
            int replicas = Fenceposts.replicas(d);
            out.put(DESIRED_REPLICAS, Integer.toString(replicas));
            out.put(MAX_REPLICAS, Integer.toString(replicas + maxSurge));
        }
        return out;
    }

    static boolean replicasAnnotationsNeedUpdate(ReplicaSet rs, int desired, int max) {
        Map<String, String> a = rs.metadata().annotations();
        return !Integer.toString(desired).equals(a.get(DESIRED_REPLICAS))
                || !Integer.toString(max).equals(a.get(MAX_REPLICAS));
    }

    static Map<String, String> withReplicasAnnotations(Map<String, String> current, int desired, int max) {
        Map<String, String> out = new HashMap<>(current);
        out.put(DESIRED_REPLICAS, Integer.toString(desired));
        out.put(MAX_REPLICAS, Integer.toString(max));
        return out;
    }

    /** The desired-replicas annotation, or -1 if absent. */
    static int desiredReplicas(ReplicaSet rs) {
        return intAnnotation(rs, DESIRED_REPLICAS);
    }

    /** The max-replicas annotation, or -1 if absent. */
    static int maxReplicas(ReplicaSet rs) {
        return intAnnotation(rs, MAX_REPLICAS);
    }

    private static int intAnnotation(ReplicaSet rs, String name) {
        String v = rs.metadata().annotations().get(name);
        if (v == null) {
            return -1;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
