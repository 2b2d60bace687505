package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * A port of a node daemon ({@code Port} is capitalised on the wire, as in Kubernetes).
 */
public record DaemonEndpoint(@JsonProperty("Port") Integer port,
                             @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public DaemonEndpoint {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
