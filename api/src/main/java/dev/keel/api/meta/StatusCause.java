package dev.keel.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * One cause of a failure, e.g. ({@code FieldValueInvalid}, {@code Invalid value: "Bad_Name": ...},
 * {@code metadata.name}); kubectl prints {@code field: message} for each cause of a 422.
 */
public record StatusCause(String reason, String message, String field,
                          @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public StatusCause {
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static StatusCause of(String reason, String message, String field) {
        return new StatusCause(reason, message, field, Map.of());
    }
}
