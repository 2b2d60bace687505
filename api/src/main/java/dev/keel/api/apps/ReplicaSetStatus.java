package dev.keel.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Condition;
import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * The observed state of a ReplicaSet.
 */
public record ReplicaSetStatus(Integer replicas,
                               Integer fullyLabeledReplicas,
                               Integer readyReplicas,
                               Integer availableReplicas,
                               Long observedGeneration,
                               List<Condition> conditions,
                               @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final ReplicaSetStatus EMPTY = new ReplicaSetStatus(null, null, null, null, null, null, Map.of());

    public ReplicaSetStatus {
        conditions = Immutable.list(conditions);
        unknownFields = Immutable.unknown(unknownFields);
    }
}
