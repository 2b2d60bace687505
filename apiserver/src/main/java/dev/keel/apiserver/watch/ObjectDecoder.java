package dev.keel.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.selector.ObjectFields;
import dev.keel.apiserver.registry.ObjectTrees;
import dev.keel.apiserver.registry.StoredJson;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns stored bytes into {@link CachedObject}s: reads the {@link SelectableParts} (labels, selectable fields,
 * namespace and name) without building the whole tree, and stamps the revision into a copy of the stored bytes
 * ({@link StoredJson#withResourceVersion}), which become the cached JSON. Only bytes that cannot be stamped that
 * way (written with line breaks, or with a resourceVersion) are parsed whole, stamped and written again.
 */
public final class ObjectDecoder {
    private final KubeCodec codec;

    public ObjectDecoder(KubeCodec codec) {
        this.codec = codec;
    }

    public CachedObject decode(ResourceType<?> type, String key, byte[] value, long revision) {
        ObjectNode parts;
        try {
            parts = SelectableParts.read(value);
        } catch (IOException e) {
            throw new IllegalStateException("stored object " + key + " at revision " + revision + " is not a JSON object",
                    e);
        }
        byte[] json = parts.path("metadata").has("resourceVersion") ? null
                : StoredJson.withResourceVersion(value, revision);
        if (json == null) {
            json = encode(ObjectTrees.withResourceVersion(parse(value), revision));
        }
        return of(type, key, parts, json, revision);
    }

    /** The same object stamped with another revision (a deletion's). */
    public CachedObject restamp(ResourceType<?> type, CachedObject o, long revision) {
        ObjectNode tree = ObjectTrees.withResourceVersion(tree(o), revision);
        return of(type, o.key(), tree, encode(tree), revision);
    }

    /** The object as a tree of the caller's own (parsed from the cached JSON at each call). */
    public ObjectNode tree(CachedObject o) {
        return parse(o.json());
    }

    private CachedObject of(ResourceType<?> type, String key, ObjectNode parts, byte[] json, long revision) {
        return new CachedObject(key, ObjectTrees.namespace(parts), ObjectTrees.name(parts), revision, json,
                ObjectTrees.labels(parts), ObjectFields.of(type.type(), parts));
    }

    private ObjectNode parse(byte[] json) {
        return StoredJson.tree(codec.jsonMapper(), json);
    }

    private byte[] encode(ObjectNode tree) {
        try {
            return codec.jsonMapper().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
