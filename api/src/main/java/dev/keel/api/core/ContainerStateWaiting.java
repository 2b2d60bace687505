package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * A container that is not running yet (reason such as ContainerCreating, CrashLoopBackOff).
 */
public record ContainerStateWaiting(String reason,
                                    String message,
                                    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public ContainerStateWaiting {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
