package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;
import dev.keel.api.quantity.Quantity;

import java.util.Map;

/**
 * Requests and limits by resource name ({@code cpu}, {@code memory}, ...). When only limits are given, defaulting
 * copies them into requests, as Kubernetes does.
 */
public record ResourceRequirements(Map<String, Quantity> limits,
                                   Map<String, Quantity> requests,
                                   @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final ResourceRequirements EMPTY = new ResourceRequirements(null, null, Map.of());

    public ResourceRequirements {
        limits = Immutable.map(limits);
        requests = Immutable.map(requests);
        unknownFields = Immutable.unknown(unknownFields);
    }

    public ResourceRequirements withRequests(Map<String, Quantity> requests) {
        return new ResourceRequirements(limits, requests, unknownFields);
    }

    /** Leaves {@code resources} out of the JSON when nothing is set (it is never {@code null} in the model). */
    public static final class OmitWhenEmpty {
        @Override
        public boolean equals(Object o) {
            return o == null || o instanceof ResourceRequirements r && r.limits().isEmpty() && r.requests().isEmpty()
                    && r.unknownFields().isEmpty();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    public static ResourceRequirements of(Map<String, Quantity> requests, Map<String, Quantity> limits) {
        return new ResourceRequirements(limits, requests, Map.of());
    }
}
