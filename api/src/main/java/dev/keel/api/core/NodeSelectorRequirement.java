package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * A node label (or field) requirement: operator In, NotIn, Exists, DoesNotExist, Gt or Lt.
 */
public record NodeSelectorRequirement(String key,
                                      String operator,
                                      List<String> values,
                                      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public NodeSelectorRequirement {
        values = Immutable.list(values);
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static NodeSelectorRequirement of(String key, String operator, List<String> values) {
        return new NodeSelectorRequirement(key, operator, values, Map.of());
    }
}
