package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * A node address: type Hostname, InternalIP or ExternalIP.
 */
public record NodeAddress(String type,
                          String address,
                          @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public NodeAddress {
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static NodeAddress of(String type, String address) {
        return new NodeAddress(type, address, Map.of());
    }
}
