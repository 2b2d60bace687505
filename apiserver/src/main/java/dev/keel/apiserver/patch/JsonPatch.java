package dev.keel.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON patch (RFC 6902): a list of {@code add}, {@code remove}, {@code replace}, {@code move}, {@code copy} and
 * {@code test} operations on JSON pointers (RFC 6901, {@code ~0} and {@code ~1} escapes, {@code -} for the end of
 * an array). All or nothing: the operations run on a copy.
 */
public final class JsonPatch {
    private JsonPatch() {
    }

    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isArray()) {
            throw new PatchException("a JSON patch must be an array of operations");
        }
        JsonNode doc = target.deepCopy();
        for (int i = 0; i < patch.size(); i++) {
            JsonNode op = patch.get(i);
            String name = op.path("op").asText("");
            try {
                doc = apply(doc, op, name);
            } catch (PatchException e) {
                throw new PatchException("operation " + i + " (" + name + "): " + e.getMessage(), e.conflict());
            }
        }
        return doc;
    }

    private static JsonNode apply(JsonNode doc, JsonNode op, String name) {
        String path = required(op, "path");
        switch (name) {
            case "add":
                return add(doc, path, value(op));
            case "remove":
                return remove(doc, path);
            case "replace":
                get(doc, path);
                return add(remove(doc, path), path, value(op));
            case "move": {
                String from = required(op, "from");
                if (path.startsWith(from + "/")) {
                    throw new PatchException("cannot move " + from + " into its own child " + path);
                }
                JsonNode v = get(doc, from).deepCopy();
                return add(remove(doc, from), path, v);
            }
            case "copy":
                return add(doc, path, get(doc, required(op, "from")).deepCopy());
            case "test":
                if (!get(doc, path).equals(value(op))) {
                    throw new PatchException("test failed: the value at " + path + " differs", true);
                }
                return doc;
            default:
                throw new PatchException("unknown op \"" + name + "\"");
        }
    }

    private static String required(JsonNode op, String field) {
        JsonNode v = op.get(field);
        if (v == null || !v.isTextual()) {
            throw new PatchException("missing \"" + field + "\"");
        }
        return v.asText();
    }

    private static JsonNode value(JsonNode op) {
        if (!op.has("value")) {
            throw new PatchException("missing \"value\"");
        }
        return op.get("value").deepCopy();
    }

    static List<String> tokens(String pointer) {
        if (pointer.isEmpty()) {
            return List.of();
        }
        if (!pointer.startsWith("/")) {
            throw new PatchException("path \"" + pointer + "\" must start with /");
        }
        List<String> out = new ArrayList<>();
        for (String t : pointer.substring(1).split("/", -1)) {
            out.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static JsonNode get(JsonNode doc, String pointer) {
        JsonNode cur = doc;
        for (String t : tokens(pointer)) {
            cur = child(cur, t, pointer);
        }
        return cur;
    }

    private static JsonNode child(JsonNode node, String token, String pointer) {
        JsonNode c = null;
        if (node.isObject()) {
            c = node.get(token);
        } else if (node.isArray()) {
            c = node.get(index(token, node.size() - 1, pointer));
        }
        if (c == null) {
            throw new PatchException("path " + pointer + " does not exist");
        }
        return c;
    }

    private static int index(String token, int max, String pointer) {
        try {
            int i = Integer.parseInt(token);
            if (i < 0 || i > max || (token.length() > 1 && token.startsWith("0"))) {
                throw new PatchException("index " + token + " out of range in " + pointer);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new PatchException("\"" + token + "\" is not an array index in " + pointer);
        }
    }

    private static JsonNode add(JsonNode doc, String pointer, JsonNode value) {
        List<String> t = tokens(pointer);
        if (t.isEmpty()) {
            return value;
        }
        JsonNode parent = get(doc, parentOf(pointer));
        String last = t.get(t.size() - 1);
        if (parent.isObject()) {
            ((ObjectNode) parent).set(last, value);
        } else if (parent.isArray()) {
            ArrayNode a = (ArrayNode) parent;
            a.insert(last.equals("-") ? a.size() : index(last, a.size(), pointer), value);
        } else {
            throw new PatchException("parent of " + pointer + " is not an object or array");
        }
        return doc;
    }

    private static JsonNode remove(JsonNode doc, String pointer) {
        List<String> t = tokens(pointer);
        if (t.isEmpty()) {
            throw new PatchException("cannot remove the whole document");
        }
        JsonNode parent = get(doc, parentOf(pointer));
        String last = t.get(t.size() - 1);
        if (parent.isObject()) {
            if (((ObjectNode) parent).remove(last) == null) {
                throw new PatchException("path " + pointer + " does not exist");
            }
        } else if (parent.isArray()) {
            ((ArrayNode) parent).remove(index(last, parent.size() - 1, pointer));
        } else {
            throw new PatchException("path " + pointer + " does not exist");
        }
        return doc;
    }

    private static String parentOf(String pointer) {
        return pointer.substring(0, pointer.lastIndexOf('/'));
    }
}
