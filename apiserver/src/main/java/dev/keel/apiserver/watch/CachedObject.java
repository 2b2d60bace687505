package dev.keel.apiserver.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * An object as the watch cache holds it: its tree and its JSON (both carrying resourceVersion = {@code revision}),
 * and the labels and selectable fields that filters test. Immutable by convention: nobody changes {@code tree};
 * take a deep copy to derive another object.
 */
public record CachedObject(String key, String namespace, String name, long revision, ObjectNode tree, byte[] json,
                           Map<String, String> labels, Map<String, String> fields) {
    public CachedObject {
        labels = Map.copyOf(labels);
        fields = Map.copyOf(fields);
    }
}
