package dev.keel.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.kinds.ResourceType;

import java.util.Map;
import java.util.Optional;

/**
 * Recent copies of stored objects (the watch cache's) that a write may start from instead of a store read. A copy
 * may be behind the store, never ahead of it: a write from a copy is a compare-and-swap on the copy's mod revision,
 * and anything but success falls back to reading the store, so a stale copy costs a retry and never an answer.
 */
@FunctionalInterface
public interface ObjectCache {
    /** No copies: every write reads the store. */
    ObjectCache NONE = (type, key) -> Optional.empty();

    /**
     * The copy of the object under {@code key}, if the cache holds one.
     *
     * @param tree the object carrying its resourceVersion; the caller's own, free to change
     * @param modRevision the store's mod revision of that object
     */
    record Copy(ObjectNode tree, long modRevision) {
    }

    Optional<Copy> copy(ResourceType<?> type, String key);

    /**
     * The selectable fields ({@code status.phase}, {@code spec.nodeName}...) of the cached object under
     * {@code key}, if the cache holds one: read without parsing the object.
     */
    default Optional<Map<String, String>> fields(ResourceType<?> type, String key) {
        return Optional.empty();
    }
}
