package dev.keel.apiserver.watch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Set;

/**
 * The parts of an object's JSON that the watch cache names and filters objects by, read without building the whole
 * tree: the top level's scalar fields; the scalar fields of {@code metadata}, {@code spec}, {@code status},
 * {@code involvedObject} and {@code source}; and {@code metadata.labels}. Everything else (containers, conditions,
 * managedFields, annotations...) is skipped. That is enough for {@code ObjectFields}, labels, namespace and name,
 * and a fraction of the cost of the whole tree.
 */
final class SelectableParts {
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> SHALLOW = Set.of("metadata", "spec", "status", "involvedObject", "source");

    private SelectableParts() {
    }

    /** The parts of {@code json}, which must be one JSON object (else IOException). */
    static ObjectNode read(byte[] json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            ObjectNode root = object(p, Level.ROOT);
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("not one JSON object");
            }
            return root;
        }
    }

    /** How deep the parts go: which objects below this one are read (their scalars), and as what. */
    private enum Level {
        ROOT, METADATA, SCALARS;

        /** The level of the object under {@code field}, or null to skip it. */
        Level below(String field) {
            return switch (this) {
                case ROOT -> SHALLOW.contains(field) ? (field.equals("metadata") ? METADATA : SCALARS) : null;
                case METADATA -> field.equals("labels") ? SCALARS : null;
                case SCALARS -> null;
            };
        }
    }

    /** The scalar fields of the object the parser is at, and the objects {@code level} reads below it. */
    private static ObjectNode object(JsonParser p, Level level) throws IOException {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            Level below = t == JsonToken.START_OBJECT ? level.below(name) : null;
            if (t.isScalarValue()) {
                o.set(name, scalar(p, t));
            } else if (below != null) {
                o.set(name, object(p, below));
            } else {
                p.skipChildren();
            }
        }
        return o;
    }

    private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(p);
            default -> NODES.textNode(p.getText()); // an embedded object: not in JSON text
        };
    }

    /** A number as a tree read by Jackson holds it. */
    private static JsonNode number(JsonParser p) throws IOException {
        return switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            case BIG_INTEGER -> NODES.numberNode(p.getBigIntegerValue());
            default -> NODES.numberNode(p.getDoubleValue());
        };
    }
}
