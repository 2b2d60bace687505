package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.time.Instant;
import java.util.Map;

/**
 * A running container.
 */
public record ContainerStateRunning(Instant startedAt,
                                    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public ContainerStateRunning {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
