package dev.keel.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * The observed replica count and the selector as a label-selector string.
 */
public record ScaleStatus(Integer replicas,
                          String selector,
                          @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final ScaleStatus EMPTY = new ScaleStatus(null, null, Map.of());

    public ScaleStatus {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
