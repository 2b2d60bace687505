package dev.keel.apiserver.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Objects as the server stores them: compact JSON without {@code metadata.resourceVersion} (the store's revision is
 * the version, as in Kubernetes). Stamping the version into those bytes costs a scan, where writing the whole tree
 * again cost twice as much as parsing it.
 */
public final class StoredJson {
    private static final JsonFactory JSON = new JsonFactory();

    private StoredJson() {
    }

    /**
     * {@code stored} with {@code "resourceVersion":"<revision>"} written first into its top-level metadata object,
     * the rest of the bytes as stored; null when the bytes have no top-level metadata object or contain a line break
     * (a watch event must be one line).
     */
    public static byte[] withResourceVersion(byte[] stored, long revision) {
        for (byte b : stored) {
            if (b == '\n' || b == '\r') {
                return null;
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

    /**
     * JSON the server wrote (stored or cached) as a tree of the caller's own; IllegalStateException if it is not one
     * JSON object.
     */
    public static ObjectNode tree(ObjectMapper mapper, byte[] json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("JSON the server wrote is not a JSON object", e);
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
