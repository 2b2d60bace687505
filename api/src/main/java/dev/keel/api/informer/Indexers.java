package dev.keel.api.informer;

import dev.keel.api.core.Pod;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.OwnerReference;

import java.util.List;
import java.util.stream.Collectors;

/** Common indexers, with the names controllers use for them. */
public final class Indexers {
    public static final String NAMESPACE = "namespace";
    public static final String NODE_NAME = "spec.nodeName";
    public static final String OWNER_UID = "ownerUid";

    private Indexers() {
    }

    /** By {@code metadata.namespace} (nothing for cluster-scoped objects). */
    public static <T extends KubeObject> Indexer<T> namespace() {
        return o -> o.metadata().namespace() == null ? List.of() : List.of(o.metadata().namespace());
    }

    /** Pods by {@code spec.nodeName}; unscheduled pods are indexed under {@code ""}. */
    public static Indexer<Pod> nodeName() {
        return p -> List.of(p.spec().nodeName() == null ? "" : p.spec().nodeName());
    }

    /** By the uid of every owner reference. */
    public static <T extends KubeObject> Indexer<T> ownerUid() {
        return o -> o.metadata().ownerReferences().stream().map(OwnerReference::uid)
                .filter(u -> u != null && !u.isEmpty()).distinct().collect(Collectors.toList());
    }
}
