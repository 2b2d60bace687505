package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;
import dev.keel.api.meta.IntOrString;

import java.util.Map;

/**
 * A probe that opens a TCP connection to {@code host:port}.
 */
public record TcpSocketAction(IntOrString port,
                              String host,
                              @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public TcpSocketAction {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
