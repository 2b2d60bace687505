package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * Service status (load balancer ingress; kept as unknown fields).
 */
public record ServiceStatus(@JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final ServiceStatus EMPTY = new ServiceStatus(Map.of());

    public ServiceStatus {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
