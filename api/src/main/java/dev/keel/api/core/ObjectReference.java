package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * A reference to another object (Event.involvedObject, Binding.target, endpoint targetRef).
 */
public record ObjectReference(String apiVersion,
                              String kind,
                              String namespace,
                              String name,
                              String uid,
                              String resourceVersion,
                              String fieldPath,
                              @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public ObjectReference {
        unknownFields = Immutable.unknown(unknownFields);
    }

    /** A reference to {@code kind} {@code namespace/name}. */
    public static ObjectReference to(String kind, String namespace, String name) {
        return new ObjectReference(null, kind, namespace, name, null, null, null, Map.of());
    }
}
