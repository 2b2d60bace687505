package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Condition;
import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * Namespace status: phase Active or Terminating.
 */
public record NamespaceStatus(String phase,
                              List<Condition> conditions,
                              @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final NamespaceStatus EMPTY = new NamespaceStatus(null, null, Map.of());

    public NamespaceStatus {
        conditions = Immutable.list(conditions);
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static NamespaceStatus of(String phase) {
        return new NamespaceStatus(phase, List.of(), Map.of());
    }
}
