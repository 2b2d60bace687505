package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * Addresses (ready and not ready) that share the same ports.
 */
public record EndpointSubset(List<EndpointAddress> addresses,
                             List<EndpointAddress> notReadyAddresses,
                             List<EndpointPort> ports,
                             @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public EndpointSubset {
        addresses = Immutable.list(addresses);
        notReadyAddresses = Immutable.list(notReadyAddresses);
        ports = Immutable.list(ports);
        unknownFields = Immutable.unknown(unknownFields);
    }
}
