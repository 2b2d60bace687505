package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * Requirements that must all hold (the terms of a NodeSelector are ORed).
 */
public record NodeSelectorTerm(List<NodeSelectorRequirement> matchExpressions,
                               List<NodeSelectorRequirement> matchFields,
                               @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public NodeSelectorTerm {
        matchExpressions = Immutable.list(matchExpressions);
        matchFields = Immutable.list(matchFields);
        unknownFields = Immutable.unknown(unknownFields);
    }
}
