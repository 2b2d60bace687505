package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * The component (and host) that reported an event.
 */
public record EventSource(String component,
                          String host,
                          @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public EventSource {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
