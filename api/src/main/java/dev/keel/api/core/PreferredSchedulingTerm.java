package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * A preferred node affinity term and its weight (1-100).
 */
public record PreferredSchedulingTerm(Integer weight,
                                      NodeSelectorTerm preference,
                                      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public PreferredSchedulingTerm {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
