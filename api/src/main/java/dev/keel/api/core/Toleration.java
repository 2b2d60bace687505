package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * Lets a pod schedule onto (or stay on) nodes with a matching taint. operator Equal (default) or Exists; effect
 * NoSchedule, PreferNoSchedule or NoExecute (empty matches all).
 */
public record Toleration(String key,
                         String operator,
                         String value,
                         String effect,
                         Long tolerationSeconds,
                         @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public Toleration {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
