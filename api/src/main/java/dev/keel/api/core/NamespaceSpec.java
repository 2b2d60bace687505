package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * Namespace spec: the finalizers that must run before the namespace is removed.
 */
public record NamespaceSpec(List<String> finalizers,
                            @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final NamespaceSpec EMPTY = new NamespaceSpec(null, Map.of());

    public NamespaceSpec {
        finalizers = Immutable.list(finalizers);
        unknownFields = Immutable.unknown(unknownFields);
    }
}
