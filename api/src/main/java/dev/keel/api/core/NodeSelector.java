package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * Required node affinity: a node matches if any term matches.
 */
public record NodeSelector(List<NodeSelectorTerm> nodeSelectorTerms,
                           @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public NodeSelector {
        nodeSelectorTerms = Immutable.list(nodeSelectorTerms);
        unknownFields = Immutable.unknown(unknownFields);
    }
}
