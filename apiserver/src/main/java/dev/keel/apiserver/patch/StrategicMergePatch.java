package dev.keel.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch, as kubectl apply, edit and patch send it: a merge patch in which lists merge by the
 * strategy of their field ({@link PatchStrategies}: containers by name, ports by containerPort, ...), plus the
 * directives
 * <ul>
 *   <li>{@code "$patch": "replace"} (in a map: the map replaces the original; as a list element: the list does) and
 *       {@code "$patch": "delete"} (in a map: remove it; in a merge-keyed list element: remove that element);</li>
 *   <li>{@code "$setElementOrder/<list>": [...]}: the order of the merged list;</li>
 *   <li>{@code "$retainKeys": [...]}: keys of the merged map to keep, the others are cleared;</li>
 *   <li>{@code "$deleteFromPrimitiveList/<list>": [...]}: values to take out of a primitive list;</li>
 *   <li>{@code null}: delete the key.</li>
 * </ul>
 * Example: original containers {@code [{name:a,image:x},{name:b}]}, patch
 * {@code {"$setElementOrder/containers":[{name:b},{name:a}],"containers":[{name:a,image:y}]}} gives
 * {@code [{name:b},{name:a,image:y}]}.
 */
public final class StrategicMergePatch {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PATCH = "$patch";
    private static final String RETAIN = "$retainKeys";
    private static final String ORDER = "$setElementOrder/";
    private static final String DELETE_FROM = "$deleteFromPrimitiveList/";

    private StrategicMergePatch() {
    }

    public static ObjectNode apply(ObjectNode original, JsonNode patch) {
        if (!patch.isObject()) {
            throw new PatchException("a strategic merge patch must be a JSON object");
        }
        ObjectNode merged = mergeMap(original, (ObjectNode) patch, List.of());
        return merged == null ? NODES.objectNode() : merged;
    }

    /** The merged map, or null when the patch deletes it. */
    private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, List<String> path) {
        String directive = patch.path(PATCH).asText("");
        if (directive.equals("delete")) {
            return null;
        }
        if (directive.equals("replace")) {
            return strip(patch);
        }
        if (!directive.isEmpty() && !directive.equals("merge")) {
            throw new PatchException("unknown $patch directive \"" + directive + "\" at " + String.join(".", path));
        }
        ObjectNode result = original == null ? NODES.objectNode() : original.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (k.startsWith("$")) {
                continue;
            }
            List<String> childPath = child(path, k);
            if (v.isNull()) {
                result.remove(k);
            } else if (v.isObject()) {
                JsonNode cur = result.get(k);
                ObjectNode m = mergeMap(cur instanceof ObjectNode o ? o : null, (ObjectNode) v, childPath);
                if (m == null) {
                    result.remove(k);
                } else {
                    result.set(k, m);
                }
            } else if (v.isArray()) {
                JsonNode cur = result.get(k);
                result.set(k, mergeList(cur instanceof ArrayNode a ? a : NODES.arrayNode(), (ArrayNode) v,
                        childPath, PatchStrategies.of(childPath)));
            } else {
                result.set(k, v.deepCopy());
            }
        }
        applyListDirectives(result, patch, path);
        JsonNode retain = patch.get(RETAIN);
        if (retain != null) {
            if (!retain.isArray()) {
                throw new PatchException("$retainKeys must be a list at " + String.join(".", path));
            }
            Set<String> keep = new HashSet<>();
            retain.forEach(n -> keep.add(n.asText()));
            result.retain(keep);
        }
        return result;
    }

    private static void applyListDirectives(ObjectNode result, ObjectNode patch, List<String> path) {
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (k.startsWith(DELETE_FROM)) {
                String field = k.substring(DELETE_FROM.length());
                if (result.get(field) instanceof ArrayNode list) {
                    Set<JsonNode> gone = new HashSet<>();
                    e.getValue().forEach(gone::add);
                    ArrayNode kept = NODES.arrayNode();
                    list.forEach(n -> {
                        if (!gone.contains(n)) {
                            kept.add(n);
                        }
                    });
                    result.set(field, kept);
                }
            } else if (k.startsWith(ORDER)) {
                String field = k.substring(ORDER.length());
                if (result.get(field) instanceof ArrayNode list && e.getValue().isArray()) {
                    result.set(field, order(list, (ArrayNode) e.getValue(), PatchStrategies.of(child(path, field))));
                }
            }
        }
    }

    private static ArrayNode mergeList(ArrayNode original, ArrayNode patch, List<String> path, ListStrategy s) {
        for (JsonNode el : patch) {
            if (el.isObject() && el.path(PATCH).asText("").equals("replace")) {
                ArrayNode out = NODES.arrayNode();
                patch.forEach(p -> {
                    if (!(p.isObject() && p.has(PATCH) && p.size() == 1)) {
                        out.add(p.isObject() ? strip((ObjectNode) p) : p.deepCopy());
                    }
                });
                return out;
            }
        }
        switch (s.kind()) {
            case MERGE_PRIMITIVES: {
                ArrayNode out = original.deepCopy();
                Set<JsonNode> present = new HashSet<>();
                out.forEach(present::add);
                patch.forEach(p -> {
                    if (present.add(p)) {
                        out.add(p.deepCopy());
                    }
                });
                return out;
            }
            case MERGE_BY_KEY:
                return mergeByKey(original, patch, path, s.mergeKey().orElseThrow());
            default: {
                ArrayNode out = NODES.arrayNode();
                patch.forEach(p -> out.add(p.isObject() ? strip((ObjectNode) p) : p.deepCopy()));
                return out;
            }
        }
    }

    private static ArrayNode mergeByKey(ArrayNode original, ArrayNode patch, List<String> path, String key) {
        List<JsonNode> out = new ArrayList<>();
        original.forEach(n -> out.add(n.deepCopy()));
        for (JsonNode el : patch) {
            if (!el.isObject()) {
                out.add(el.deepCopy());
                continue;
            }
            JsonNode keyValue = el.get(key);
            int at = keyValue == null ? -1 : indexOf(out, key, keyValue);
            if (el.path(PATCH).asText("").equals("delete")) {
                if (at >= 0) {
                    out.remove(at);
                }
                continue;
            }
            ObjectNode merged = mergeMap(at >= 0 && out.get(at) instanceof ObjectNode o ? o : null, (ObjectNode) el,
                    path);
            if (at >= 0) {
                out.set(at, merged);
            } else if (merged != null) {
                out.add(merged);
            }
        }
        ArrayNode a = NODES.arrayNode();
        out.forEach(a::add);
        return a;
    }

    private static int indexOf(List<JsonNode> list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (value.equals(list.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code list} in the order of {@code order}; elements the order does not name keep their place at the end. */
    private static ArrayNode order(ArrayNode list, ArrayNode order, ListStrategy s) {
        List<JsonNode> rest = new ArrayList<>();
        list.forEach(rest::add);
        ArrayNode out = NODES.arrayNode();
        for (JsonNode o : order) {
            for (Iterator<JsonNode> it = rest.iterator(); it.hasNext(); ) {
                JsonNode n = it.next();
                boolean same = s.kind() == ListStrategy.Kind.MERGE_BY_KEY
                        ? o.get(s.mergeKey().get()) != null && o.get(s.mergeKey().get()).equals(n.get(s.mergeKey().get()))
                        : o.equals(n);
                if (same) {
                    out.add(n);
                    it.remove();
                    break;
                }
            }
        }
        rest.forEach(out::add);
        return out;
    }

    /** A copy of {@code map} without directives, recursively; nulls dropped (nothing to delete in new content). */
    private static ObjectNode strip(ObjectNode map) {
        ObjectNode out = NODES.objectNode();
        map.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("$") || e.getValue().isNull()) {
                return;
            }
            JsonNode v = e.getValue();
            if (v.isObject()) {
                out.set(e.getKey(), strip((ObjectNode) v));
            } else if (v.isArray()) {
                ArrayNode a = NODES.arrayNode();
                v.forEach(x -> a.add(x.isObject() ? strip((ObjectNode) x) : x.deepCopy()));
                out.set(e.getKey(), a);
            } else {
                out.set(e.getKey(), v.deepCopy());
            }
        });
        return out;
    }

    private static List<String> child(List<String> path, String field) {
        List<String> c = new ArrayList<>(path);
        c.add(field);
        return c;
    }
}
