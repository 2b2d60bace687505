package dev.keel.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * metadata of a list (and of Status): the store revision the list was read at, and the token for the next page
 * ({@code continue} on the wire, which is a Java keyword).
 */
public record ListMeta(String resourceVersion, @JsonProperty("continue") String continueToken,
                       Long remainingItemCount,
                       @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public static final ListMeta EMPTY = new ListMeta(null, null, null, Map.of());

    public ListMeta {
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static ListMeta of(String resourceVersion, String continueToken) {
        return new ListMeta(resourceVersion, continueToken, null, Map.of());
    }
}
