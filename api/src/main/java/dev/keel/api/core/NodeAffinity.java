package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * Node affinity: required terms filter nodes, preferred terms score them.
 */
public record NodeAffinity(NodeSelector requiredDuringSchedulingIgnoredDuringExecution,
                           List<PreferredSchedulingTerm> preferredDuringSchedulingIgnoredDuringExecution,
                           @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public NodeAffinity {
        preferredDuringSchedulingIgnoredDuringExecution = Immutable.list(preferredDuringSchedulingIgnoredDuringExecution);
        unknownFields = Immutable.unknown(unknownFields);
    }
}
