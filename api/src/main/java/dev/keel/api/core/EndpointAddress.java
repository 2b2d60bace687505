package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * One backend address of a service.
 */
public record EndpointAddress(String ip,
                              String hostname,
                              String nodeName,
                              ObjectReference targetRef,
                              @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public EndpointAddress {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
