package dev.keel.api.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive copies used by the compact constructors of the object model: absent collections become empty, present
 * ones become unmodifiable copies that keep their order. A {@code null} element or value is rejected with a message
 * naming its index or key, which the codec reports together with the JSON path of the collection.
 */
public final class Immutable {
    private Immutable() {
    }

    /** An unmodifiable copy of {@code list}; empty for {@code null}. */
    public static <T> List<T> list(List<T> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new IllegalArgumentException("null element at index " + i);
            }
        }
        return List.copyOf(list);
    }

    /** An unmodifiable, order-preserving copy of {@code map}; empty for {@code null}. */
    public static <V> Map<String, V> map(Map<String, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, V> copy = new LinkedHashMap<>(map.size() * 2);
        for (Map.Entry<String, V> e : map.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("null value for key \"" + e.getKey() + "\"");
            }
            copy.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    /**
     * A copy of the unknown fields of a record. Values are deep-copied so that the record does not share a mutable
     * tree with the caller; a JSON {@code null} is kept as {@link NullNode}. The fields the codec decoded for the
     * record ({@link DecodedFields}: a map and trees nobody else holds) are kept as they are, read-only.
     */
    public static Map<String, JsonNode> unknown(Map<String, JsonNode> unknown) {
        if (unknown == null || unknown.isEmpty()) {
            return Map.of();
        }
        if (unknown instanceof DecodedFields decoded) {
            decoded.replaceAll((k, v) -> v == null ? NullNode.getInstance() : v);
            return Collections.unmodifiableMap(decoded);
        }
        Map<String, JsonNode> copy = new LinkedHashMap<>(unknown.size() * 2);
        for (Map.Entry<String, JsonNode> e : unknown.entrySet()) {
            JsonNode v = e.getValue();
            copy.put(e.getKey(), v == null ? NullNode.getInstance() : v.deepCopy());
        }
        return Collections.unmodifiableMap(copy);
    }

    /** {@code list} plus {@code element}, as a new unmodifiable list. */
    public static <T> List<T> append(List<T> list, T element) {
        List<T> copy = new ArrayList<>(list);
        copy.add(element);
        return List.copyOf(copy);
    }
}
