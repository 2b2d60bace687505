package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.time.Instant;
import java.util.Map;

/**
 * The state of a container: exactly one of waiting, running, terminated is set.
 */
public record ContainerState(ContainerStateWaiting waiting,
                             ContainerStateRunning running,
                             ContainerStateTerminated terminated,
                             @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public ContainerState {
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static ContainerState waiting(String reason, String message) {
        return new ContainerState(new ContainerStateWaiting(reason, message, Map.of()), null, null, Map.of());
    }

    public static ContainerState running(Instant startedAt) {
        return new ContainerState(null, new ContainerStateRunning(startedAt, Map.of()), null, Map.of());
    }

    public static ContainerState terminated(int exitCode, String reason, Instant startedAt, Instant finishedAt) {
        return new ContainerState(null, null,
                new ContainerStateTerminated(exitCode, null, reason, null, startedAt, finishedAt, null, Map.of()),
                Map.of());
    }
}
