package dev.keel.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.selector.ObjectFields;
import dev.keel.apiserver.registry.ObjectTrees;
import dev.keel.apiserver.registry.StoredJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Turns stored bytes into {@link CachedObject}s: parses once, stamps the revision (into the tree, and with
 * {@link StoredJson#withResourceVersion} into a copy of the stored bytes, which become the cached JSON), reads
 * labels and selectable fields off the tree.
 */
public final class ObjectDecoder {
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
        byte[] json = tree.path("metadata").has("resourceVersion") ? null
                : StoredJson.withResourceVersion(value, revision);
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
}
