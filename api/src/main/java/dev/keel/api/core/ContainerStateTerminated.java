package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.time.Instant;
import java.util.Map;

/**
 * A container that has exited.
 */
public record ContainerStateTerminated(Integer exitCode,
                                       Integer signal,
                                       String reason,
                                       String message,
                                       Instant startedAt,
                                       Instant finishedAt,
                                       String containerID,
                                       @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public ContainerStateTerminated {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
