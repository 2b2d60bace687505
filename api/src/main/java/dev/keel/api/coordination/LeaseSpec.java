package dev.keel.api.coordination;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.time.Instant;
import java.util.Map;

/**
 * A lease: {@code holderIdentity} holds it for {@code leaseDurationSeconds} after {@code renewTime}. Node heartbeats
 * and leader election use leases.
 */
public record LeaseSpec(String holderIdentity,
                        Integer leaseDurationSeconds,
                        Instant acquireTime,
                        Instant renewTime,
                        Integer leaseTransitions,
                        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final LeaseSpec EMPTY = new LeaseSpec(null, null, null, null, null, Map.of());

    public LeaseSpec {
        unknownFields = Immutable.unknown(unknownFields);
    }
}
