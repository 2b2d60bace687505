package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * Where the node agent listens (the apiserver proxies pod logs there).
 */
public record NodeDaemonEndpoints(DaemonEndpoint kubeletEndpoint,
                                  @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public NodeDaemonEndpoints {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
