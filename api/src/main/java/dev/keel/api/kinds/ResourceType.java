package dev.keel.api.kinds;

import dev.keel.api.meta.GroupVersionKind;
import dev.keel.api.meta.KubeObject;

import java.util.List;
import java.util.Objects;

/**
 * A REST resource: its kind, its URL name ({@code plural}), whether it lives in a namespace, kubectl's short
 * names, and the Java record it binds to. The collection path is
 * {@code /api/v1/namespaces/{ns}/pods} for the core group and {@code /apis/apps/v1/namespaces/{ns}/deployments}
 * otherwise (without {@code namespaces/{ns}} for cluster-scoped resources).
 */
public record ResourceType<T extends KubeObject>(GroupVersionKind gvk, String plural, String singular,
                                                 boolean namespaced, List<String> shortNames, Class<T> type) {
    public ResourceType {
        Objects.requireNonNull(gvk, "gvk");
        Objects.requireNonNull(plural, "plural");
        Objects.requireNonNull(singular, "singular");
        shortNames = List.copyOf(shortNames);
        Objects.requireNonNull(type, "type");
    }

    /** Consistent with the record's equals, without hashing the short names and the class on every lookup. */
    @Override
    public int hashCode() {
        return 31 * gvk.hashCode() + plural.hashCode();
    }

    /** {@code /api/v1} or {@code /apis/<group>/<version>}. */
    public String groupVersionPath() {
        return gvk.group().isEmpty() ? "/api/" + gvk.version() : "/apis/" + gvk.group() + "/" + gvk.version();
    }

    /** The collection path in {@code namespace} (ignored for cluster-scoped resources; {@code null} = all). */
    public String collectionPath(String namespace) {
        if (!namespaced || namespace == null) {
            return groupVersionPath() + "/" + plural;
        }
        return groupVersionPath() + "/namespaces/" + namespace + "/" + plural;
    }

    /** The item path of {@code name} in {@code namespace}. */
    public String itemPath(String namespace, String name) {
        return collectionPath(namespaced ? Objects.requireNonNull(namespace, "namespace") : null) + "/" + name;
    }

    /** The kind of this resource's list, e.g. {@code PodList}. */
    public String listKind() {
        return gvk.kind() + "List";
    }
}
