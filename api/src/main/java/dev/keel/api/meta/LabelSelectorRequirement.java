package dev.keel.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** One matchExpressions entry: {@code key}, {@code operator} (In, NotIn, Exists, DoesNotExist) and values. */
public record LabelSelectorRequirement(String key, String operator, List<String> values,
                                       @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public LabelSelectorRequirement {
        values = Immutable.list(values);
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static LabelSelectorRequirement of(String key, String operator, List<String> values) {
        return new LabelSelectorRequirement(key, operator, values, Map.of());
    }
}
