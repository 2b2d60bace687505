package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.time.Instant;
import java.util.Map;

/**
 * A node taint: pods that do not tolerate it are not scheduled (NoSchedule) or evicted (NoExecute).
 */
public record Taint(String key,
                    String value,
                    String effect,
                    Instant timeAdded,
                    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public Taint {
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static Taint of(String key, String value, String effect) {
        return new Taint(key, value, effect, null, Map.of());
    }
}
