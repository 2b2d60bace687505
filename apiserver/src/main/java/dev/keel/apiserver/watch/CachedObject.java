package dev.keel.apiserver.watch;

import java.util.Map;

/**
 * An object as the watch cache holds it: its JSON (carrying resourceVersion = {@code revision}), and the labels and
 * selectable fields that filters test. The cache keeps no tree: whoever needs one parses the JSON into a tree of
 * its own ({@link ObjectDecoder#tree}).
 */
public record CachedObject(String key, String namespace, String name, long revision, byte[] json,
                           Map<String, String> labels, Map<String, String> fields) {
    public CachedObject {
        labels = Map.copyOf(labels);
        fields = Map.copyOf(fields);
    }
}
