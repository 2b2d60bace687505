package dev.keel.controllers.gc;

import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.KubeObject;

import java.util.Map;
import java.util.Optional;

/**
 * An object the collector looks at, as a work-queue key: {@code <group>/<plural>|<namespace>/<name>} (or
 * {@code |<name>} when cluster-scoped), e.g. {@code apps/replicasets|web/frontend-5d8}, {@code /pods|web/p1}.
 */
record ItemKey(ResourceType<?> type, String namespace, String name) {
    static String resourceId(ResourceType<?> type) {
        return type.gvk().group() + "/" + type.plural();
    }

    static String of(ResourceType<?> type, KubeObject o) {
        return new ItemKey(type, o.metadata().namespace(), o.metadata().name()).encode();
    }

    String encode() {
        return resourceId(type) + "|" + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + name;
    }

    /** The cache key of the object. */
    String cacheKey() {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    static Optional<ItemKey> decode(String key, Map<String, ResourceType<?>> byId) {
        int bar = key.indexOf('|');
        if (bar < 0) {
            return Optional.empty();
        }
        ResourceType<?> type = byId.get(key.substring(0, bar));
        if (type == null) {
            return Optional.empty();
        }
        String rest = key.substring(bar + 1);
        int slash = rest.indexOf('/');
        return Optional.of(slash < 0 ? new ItemKey(type, null, rest)
                : new ItemKey(type, rest.substring(0, slash), rest.substring(slash + 1)));
    }
}
