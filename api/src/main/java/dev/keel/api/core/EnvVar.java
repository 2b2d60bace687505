package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * An environment variable of a container ({@code valueFrom} is kept as an unknown field).
 */
public record EnvVar(String name,
                     String value,
                     @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public EnvVar {
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static EnvVar of(String name, String value) {
        return new EnvVar(name, value, Map.of());
    }
}
