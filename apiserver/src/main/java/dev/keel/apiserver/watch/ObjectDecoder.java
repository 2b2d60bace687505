package dev.keel.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.selector.ObjectFields;
import dev.keel.apiserver.registry.ObjectTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Turns stored bytes into {@link CachedObject}s: parses once, stamps the revision, reads labels and selectable fields
 * off the tree.
 */
public final class ObjectDecoder {
    private final KubeCodec codec;

    public ObjectDecoder(KubeCodec codec) {
        this.codec = codec;
    }

    public CachedObject decode(ResourceType<?> type, String key, byte[] value, long revision) {
        try {
            ObjectNode tree = (ObjectNode) codec.jsonMapper().readTree(value);
            return of(type, key, tree, revision);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("stored object " + key + " at revision " + revision + " is not a JSON object",
                    e);
        }
    }

    /** The same object stamped with another revision (a deletion's). */
    public CachedObject restamp(ResourceType<?> type, CachedObject o, long revision) {
        return of(type, o.key(), o.tree().deepCopy(), revision);
    }

    private CachedObject of(ResourceType<?> type, String key, ObjectNode tree, long revision) {
        ObjectTrees.withResourceVersion(tree, revision);
        Map<String, String> fields = ObjectFields.of(type.type(), tree);
        try {
            return new CachedObject(key, ObjectTrees.namespace(tree), ObjectTrees.name(tree), revision, tree,
                    codec.jsonMapper().writeValueAsBytes(tree), ObjectTrees.labels(tree), fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
