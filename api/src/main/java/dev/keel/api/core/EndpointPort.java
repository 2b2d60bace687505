package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * A port of the backends of a service.
 */
public record EndpointPort(String name,
                           Integer port,
                           String protocol,
                           @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public EndpointPort {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
