package dev.keel.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Condition;
import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * The observed state of a Deployment (kubectl rollout status reads these counts).
 */
public record DeploymentStatus(Long observedGeneration,
                               Integer replicas,
                               Integer updatedReplicas,
                               Integer readyReplicas,
                               Integer availableReplicas,
                               Integer unavailableReplicas,
                               List<Condition> conditions,
                               Integer collisionCount,
                               @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final DeploymentStatus EMPTY = new DeploymentStatus(null, null, null, null, null, null, null, null, Map.of());

    public DeploymentStatus {
        conditions = Immutable.list(conditions);
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.observedGeneration = observedGeneration;
        b.replicas = replicas;
        b.updatedReplicas = updatedReplicas;
        b.readyReplicas = readyReplicas;
        b.availableReplicas = availableReplicas;
        b.unavailableReplicas = unavailableReplicas;
        b.conditions = conditions;
        b.collisionCount = collisionCount;
        b.unknownFields = unknownFields;
        return b;
    }

    /** Mutable builder for {@link DeploymentStatus}; not thread-safe. */
    public static final class Builder {
        private Long observedGeneration;
        private Integer replicas;
        private Integer updatedReplicas;
        private Integer readyReplicas;
        private Integer availableReplicas;
        private Integer unavailableReplicas;
        private List<Condition> conditions;
        private Integer collisionCount;
        private Map<String, JsonNode> unknownFields = Map.of();

        private Builder() {
        }

        public Builder observedGeneration(Long v) {
            observedGeneration = v;
            return this;
        }

        public Builder replicas(Integer v) {
            replicas = v;
            return this;
        }

        public Builder updatedReplicas(Integer v) {
            updatedReplicas = v;
            return this;
        }

        public Builder readyReplicas(Integer v) {
            readyReplicas = v;
            return this;
        }

        public Builder availableReplicas(Integer v) {
            availableReplicas = v;
            return this;
        }

        public Builder unavailableReplicas(Integer v) {
            unavailableReplicas = v;
            return this;
        }

        public Builder conditions(List<Condition> v) {
            conditions = v;
            return this;
        }

        public Builder collisionCount(Integer v) {
            collisionCount = v;
            return this;
        }

        public Builder unknownFields(Map<String, JsonNode> v) {
            unknownFields = v;
            return this;
        }

        public DeploymentStatus build() {
            return new DeploymentStatus(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas, unavailableReplicas, conditions, collisionCount, unknownFields);
        }
    }
}
