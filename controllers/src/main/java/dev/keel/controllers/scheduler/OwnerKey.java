package dev.keel.controllers.scheduler;

import dev.keel.api.core.Pod;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.meta.OwnerReference;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who owns a pod, for spreading: the pod's controller reference (or its first owner reference), identified by
 * namespace, kind and uid (or name when the uid is missing). {@link NodeInfo} counts its pods per owner, so that
 * the spread score is a lookup and not a scan of every pod on every node.
 */
public record OwnerKey(String namespace, String kind, String id) {
    public OwnerKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static Optional<OwnerKey> of(Pod pod) {
        ObjectMeta m = pod.metadata();
        OwnerReference r = ownerRef(m.ownerReferences());
        if (r == null) {
            return Optional.empty();
        }
        String id = r.uid() != null && !r.uid().isEmpty() ? r.uid() : Objects.toString(r.name(), "");
        return Optional.of(new OwnerKey(Objects.toString(m.namespace(), ""), Objects.toString(r.kind(), ""), id));
    }

    private static OwnerReference ownerRef(List<OwnerReference> refs) {
        for (OwnerReference r : refs) {
            if (r.isController()) {
                return r;
            }
        }
        return refs.isEmpty() ? null : refs.get(0);
    }
}
