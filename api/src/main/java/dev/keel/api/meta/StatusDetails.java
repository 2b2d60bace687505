package dev.keel.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** Status.details: which object failed ({@code kind} is the resource name, e.g. {@code pods}) and why. */
public record StatusDetails(String name, String group, String kind, String uid, List<StatusCause> causes,
                            Integer retryAfterSeconds,
                            @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public StatusDetails {
        causes = Immutable.list(causes);
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static StatusDetails of(String group, String kind, String name, List<StatusCause> causes) {
        return new StatusDetails(name, group, kind, null, causes, null, Map.of());
    }
}
