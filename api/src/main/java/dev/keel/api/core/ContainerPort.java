package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.Map;

/**
 * A port a container listens on. {@code protocol} defaults to TCP.
 */
public record ContainerPort(String name,
                            Integer hostPort,
                            Integer containerPort,
                            String protocol,
                            String hostIP,
                            @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public ContainerPort {
        unknownFields = Immutable.unknown(unknownFields);
    }

    public ContainerPort withProtocol(String protocol) {
        return new ContainerPort(name, hostPort, containerPort, protocol, hostIP, unknownFields);
    }

    public static ContainerPort of(int containerPort) {
        return new ContainerPort(null, null, containerPort, null, null, Map.of());
    }
}
