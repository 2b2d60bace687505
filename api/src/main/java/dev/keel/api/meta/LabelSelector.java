package dev.keel.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The structured label selector of ReplicaSet and Deployment specs. An empty selector (no labels, no expressions)
 * matches everything; see {@code dev.keel.api.selector.Selector#of(LabelSelector)} for matching.
 */
public record LabelSelector(Map<String, String> matchLabels, List<LabelSelectorRequirement> matchExpressions,
                            @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public LabelSelector {
        matchLabels = Immutable.map(matchLabels);
        matchExpressions = Immutable.list(matchExpressions);
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static LabelSelector matching(Map<String, String> labels) {
        return new LabelSelector(labels, List.of(), Map.of());
    }

    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }
}
