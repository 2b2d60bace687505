package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * Scheduling affinity. Only node affinity is modelled; pod (anti-)affinity is kept as unknown fields.
 */
public record Affinity(NodeAffinity nodeAffinity,
                       @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public Affinity {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
