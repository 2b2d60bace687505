package dev.keel.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * The desired replica count.
 */
public record ScaleSpec(Integer replicas,
                        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final ScaleSpec EMPTY = new ScaleSpec(null, Map.of());

    public ScaleSpec {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
