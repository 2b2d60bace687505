package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;
import dev.keel.api.meta.IntOrString;

import java.util.Map;

/**
 * A service port: clients connect to {@code port}; traffic goes to {@code targetPort} on the endpoints (a number or
 * a container port name; defaults to {@code port}).
 */
public record ServicePort(String name,
                          String protocol,
                          Integer port,
                          IntOrString targetPort,
                          Integer nodePort,
                          @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public ServicePort {
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static ServicePort of(int port, IntOrString targetPort) {
        return new ServicePort(null, null, port, targetPort, null, Map.of());
    }
}
