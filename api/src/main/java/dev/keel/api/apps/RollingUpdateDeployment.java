package dev.keel.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;
import dev.keel.api.meta.IntOrString;

import java.util.Map;

/**
 * Rolling update limits, each an absolute count or a percentage of the desired replicas (defaults 25% and 25%):
 * maxSurge rounds up, maxUnavailable rounds down.
 */
public record RollingUpdateDeployment(IntOrString maxUnavailable,
                                      IntOrString maxSurge,
                                      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public RollingUpdateDeployment {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
