package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * A probe that runs {@code command} in the container; exit status 0 is success.
 */
public record ExecAction(List<String> command,
                         @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public ExecAction {
        command = Immutable.list(command);
        unknownFields = Immutable.unknown(unknownFields);
    }
}
