package dev.keel.apiserver.watch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.selector.ObjectFields;
import dev.keel.apiserver.registry.ObjectTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns stored bytes into {@link CachedObject}s: parses once, stamps the revision (into the tree, and into a copy of
 * the stored bytes, which become the cached JSON), reads labels and selectable fields off the tree.
 */
public final class ObjectDecoder {
    private static final JsonFactory JSON = new JsonFactory();
    private final KubeCodec codec;

    public ObjectDecoder(KubeCodec codec) {
        this.codec = codec;
    }

    public CachedObject decode(ResourceType<?> type, String key, byte[] value, long revision) {
        ObjectNode tree;
        try {
            tree = (ObjectNode) codec.jsonMapper().readTree(value);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("stored object " + key + " at revision " + revision + " is not a JSON object",
                    e);
        }
        byte[] json = tree.path("metadata").has("resourceVersion") ? null : withResourceVersion(value, revision);
        ObjectTrees.withResourceVersion(tree, revision);
        return of(type, key, tree, json != null ? json : encode(tree), revision);
    }

    /** The same object stamped with another revision (a deletion's). */
    public CachedObject restamp(ResourceType<?> type, CachedObject o, long revision) {
        ObjectNode tree = ObjectTrees.withResourceVersion(o.tree().deepCopy(), revision);
        return of(type, o.key(), tree, encode(tree), revision);
    }

    private CachedObject of(ResourceType<?> type, String key, ObjectNode tree, byte[] json, long revision) {
        Map<String, String> fields = ObjectFields.of(type.type(), tree);
        return new CachedObject(key, ObjectTrees.namespace(tree), ObjectTrees.name(tree), revision, tree, json,
                ObjectTrees.labels(tree), fields);
    }

    private byte[] encode(ObjectNode tree) {
        try {
            return codec.jsonMapper().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code stored} with {@code "resourceVersion":"<revision>"} written first into its top-level metadata object,
     * the rest of the bytes as stored (the server stores objects without resourceVersion, as Kubernetes); null when
     * the bytes have no top-level metadata object or contain a line break. Writing the whole tree again cost twice as much as parsing it.
     */
    static byte[] withResourceVersion(byte[] stored, long revision) {
        for (byte b : stored) {
            if (b == '\n' || b == '\r') {
                return null; // written with line breaks (not by this server): a watch event must be one line
            }
        }
        int brace = metadataStart(stored);
        if (brace < 0) {
            return null;
        }
        int next = brace + 1;
        while (next < stored.length && isSpace(stored[next])) {
            next++;
        }
        boolean empty = next < stored.length && stored[next] == '}';
        byte[] field = ("\"resourceVersion\":\"" + revision + "\"" + (empty ? "" : ","))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[stored.length + field.length];
        System.arraycopy(stored, 0, out, 0, brace + 1);
        System.arraycopy(field, 0, out, brace + 1, field.length);
        System.arraycopy(stored, brace + 1, out, brace + 1 + field.length, stored.length - brace - 1);
        return out;
    }

    /** The byte offset of the '{' that opens the top-level "metadata" object, or -1. */
    private static int metadataStart(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean metadata = "metadata".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (metadata) {
                    long at = p.currentTokenLocation().getByteOffset();
                    return value == JsonToken.START_OBJECT && at >= 0 && at < json.length && json[(int) at] == '{'
                            ? (int) at : -1;
                }
                p.skipChildren();
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
