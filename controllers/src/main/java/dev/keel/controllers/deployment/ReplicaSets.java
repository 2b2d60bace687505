package dev.keel.controllers.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.core.PodTemplateSpec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/** Queries over a Deployment's ReplicaSets (Kubernetes' deployment util functions). */
final class ReplicaSets {
    private ReplicaSets() {
    }

    static int specReplicas(ReplicaSet rs) {
        return rs.spec().replicas() == null ? 1 : rs.spec().replicas();
    }

    static int statusReplicas(ReplicaSet rs) {
        return n(rs.status().replicas());
    }

    static int n(Integer v) {
        return v == null ? 0 : v;
    }

    static int sum(List<ReplicaSet> rss, ToIntFunction<ReplicaSet> f) {
        int total = 0;
        for (ReplicaSet rs : rss) {
            if (rs != null) {
                total += f.applyAsInt(rs);
            }
        }
        return total;
    }

    /** Sum of spec.replicas. */
    static int specSum(List<ReplicaSet> rss) {
        return sum(rss, ReplicaSets::specReplicas);
    }

    /** Sum of status.replicas (pods that exist and are not terminating). */
    static int actualSum(List<ReplicaSet> rss) {
        return sum(rss, ReplicaSets::statusReplicas);
    }

    static int readySum(List<ReplicaSet> rss) {
        return sum(rss, rs -> n(rs.status().readyReplicas()));
    }

    static int availableSum(List<ReplicaSet> rss) {
        return sum(rss, rs -> n(rs.status().availableReplicas()));
    }

    /**
     * An upper bound on the pods the ReplicaSets may have right now: per ReplicaSet the larger of spec.replicas
     * and status.replicas, since a ReplicaSet that was just scaled down still has its pods until its controller
     * has deleted them and reported it.
     */
    static int podUpperBound(List<ReplicaSet> rss) {
        return sum(rss, rs -> Math.max(specReplicas(rs), statusReplicas(rs)));
    }

    /** Those with spec.replicas above 0. */
    static List<ReplicaSet> active(List<ReplicaSet> rss) {
        List<ReplicaSet> out = new ArrayList<>();
        for (ReplicaSet rs : rss) {
            if (rs != null && specReplicas(rs) > 0) {
                out.add(rs);
            }
        }
        return out;
    }

    /** Oldest first; ties by name. */
    static final Comparator<ReplicaSet> BY_CREATION = Comparator
            .comparing((ReplicaSet rs) -> Optional.ofNullable(rs.metadata().creationTimestamp()).orElse(Instant.MIN))
            .thenComparing(rs -> rs.metadata().name());

    /** Lowest revision first, then oldest. */
    static final Comparator<ReplicaSet> BY_REVISION = Comparator.comparingLong(Revisions::of)
            .thenComparing(BY_CREATION);

    /** Larger first, then newer first (where replicas are added when scaling up proportionally). */
    static final Comparator<ReplicaSet> BY_SIZE_NEWER = Comparator.comparingInt(ReplicaSets::specReplicas).reversed()
            .thenComparing(BY_CREATION.reversed());

    /** Larger first, then older first (where replicas are removed when scaling down proportionally). */
    static final Comparator<ReplicaSet> BY_SIZE_OLDER = Comparator.comparingInt(ReplicaSets::specReplicas).reversed()
            .thenComparing(BY_CREATION);

    /**
     * The ReplicaSet whose template equals the Deployment's, ignoring the pod-template-hash label; the oldest if
     * several do.
     */
    static Optional<ReplicaSet> findNew(PodTemplateSpec template, List<ReplicaSet> rss, ObjectMapper json) {
        List<ReplicaSet> sorted = new ArrayList<>(rss);
        sorted.sort(BY_CREATION);
        ObjectNode wanted = withoutHash(template, json);
        for (ReplicaSet rs : sorted) {
            if (withoutHash(rs.spec().template(), json).equals(wanted)) {
                return Optional.of(rs);
            }
        }
        return Optional.empty();
    }

    static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b, ObjectMapper json) {
        return withoutHash(a, json).equals(withoutHash(b, json));
    }

    private static ObjectNode withoutHash(PodTemplateSpec t, ObjectMapper json) {
        Map<String, String> labels = new HashMap<>(t.metadata().labels());
        labels.remove(TemplateHash.LABEL);
        PodTemplateSpec stripped = t.withMetadata(t.metadata().toBuilder().labels(labels).build());
        ObjectNode tree = json.valueToTree(stripped);
        if (tree.path("metadata").isObject()) {
            ObjectNode meta = (ObjectNode) tree.get("metadata");
            if (meta.path("labels").isObject() && meta.get("labels").isEmpty()) {
                meta.remove("labels");
            }
            if (meta.isEmpty()) {
                tree.remove("metadata");
            }
        }
        return tree;
    }
}
