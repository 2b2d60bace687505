package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * A header sent by an HTTP probe.
 */
public record HttpHeader(String name,
                         String value,
                         @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public HttpHeader {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
