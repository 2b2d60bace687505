package dev.keel.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reading and writing the metadata of objects held as JSON trees. The server keeps objects as trees between the
 * store and the wire, so that fields no record names pass through untouched; typed records are used for
 * validation and defaulting only.
 */
public final class ObjectTrees {
    private ObjectTrees() {
    }

    /** The metadata object, created when absent (or replaced when not an object). */
    public static ObjectNode meta(ObjectNode o) {
        JsonNode m = o.get("metadata");
        if (m instanceof ObjectNode on) {
            return on;
        }
        return o.putObject("metadata");
    }

    public static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || !v.isTextual() || v.asText().isEmpty() ? Optional.empty() : Optional.of(v.asText());
    }

    public static String name(ObjectNode o) {
        return text(o.get("metadata"), "name").orElse(null);
    }

    public static String namespace(ObjectNode o) {
        return text(o.get("metadata"), "namespace").orElse(null);
    }

    public static String resourceVersion(ObjectNode o) {
        return text(o.get("metadata"), "resourceVersion").orElse(null);
    }

    public static boolean deleting(ObjectNode o) {
        return text(o.get("metadata"), "deletionTimestamp").isPresent();
    }

    public static boolean hasFinalizers(ObjectNode o) {
        JsonNode f = o.path("metadata").get("finalizers");
        return f != null && f.isArray() && !f.isEmpty();
    }

    /** The labels (string values only). */
    public static Map<String, String> labels(ObjectNode o) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode l = o.path("metadata").get("labels");
        if (l != null && l.isObject()) {
            l.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    /**
     * Whether two trees hold the same JSON value. Unlike {@link JsonNode#equals}, numbers compare by value: a tree
     * read from stored bytes holds a small {@code long} as an int node, the same tree built from a record as a long
     * node.
     */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.equals(SAME_VALUE, b);
    }

    /**
     * {@link #sameValue} of two objects, leaving {@code metadata.resourceVersion} out of the comparison (without
     * copying either object to remove it).
     */
    public static boolean sameValueApartFromResourceVersion(ObjectNode a, ObjectNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode other = b.get(e.getKey());
            boolean same = e.getKey().equals("metadata") && e.getValue() instanceof ObjectNode am
                    && other instanceof ObjectNode bm ? sameMetadata(am, bm) : sameValue(e.getValue(), other);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameMetadata(ObjectNode a, ObjectNode b) {
        int sizeA = a.size() - (a.has("resourceVersion") ? 1 : 0);
        int sizeB = b.size() - (b.has("resourceVersion") ? 1 : 0);
        if (sizeA != sizeB) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("resourceVersion") && !sameValue(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static final Comparator<JsonNode> SAME_VALUE = (x, y) -> {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return x.equals(y) ? 0 : 1;
    };

    /** Sets metadata.resourceVersion to {@code revision}, in place. */
    public static ObjectNode withResourceVersion(ObjectNode o, long revision) {
        meta(o).put("resourceVersion", Long.toString(revision));
        return o;
    }
}
