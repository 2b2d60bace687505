package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Condition;
import dev.keel.api.meta.Immutable;
import dev.keel.api.quantity.Quantity;

import java.util.List;
import java.util.Map;

/**
 * The observed state of a node: resources, conditions (Ready, ...), addresses, agent endpoint.
 */
public record NodeStatus(Map<String, Quantity> capacity,
                         Map<String, Quantity> allocatable,
                         String phase,
                         List<Condition> conditions,
                         List<NodeAddress> addresses,
                         NodeDaemonEndpoints daemonEndpoints,
                         @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final NodeStatus EMPTY = new NodeStatus(null, null, null, null, null, null, Map.of());

    public NodeStatus {
        capacity = Immutable.map(capacity);
        allocatable = Immutable.map(allocatable);
        conditions = Immutable.list(conditions);
        addresses = Immutable.list(addresses);
        unknownFields = Immutable.unknown(unknownFields);
    }

    public NodeStatus withConditions(List<Condition> conditions) {
        return new NodeStatus(capacity, allocatable, phase, conditions, addresses, daemonEndpoints, unknownFields);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.capacity = capacity;
        b.allocatable = allocatable;
        b.phase = phase;
        b.conditions = conditions;
        b.addresses = addresses;
        b.daemonEndpoints = daemonEndpoints;
        b.unknownFields = unknownFields;
        return b;
    }

    /** Mutable builder for {@link NodeStatus}; not thread-safe. */
    public static final class Builder {
        private Map<String, Quantity> capacity;
        private Map<String, Quantity> allocatable;
        private String phase;
        private List<Condition> conditions;
        private List<NodeAddress> addresses;
        private NodeDaemonEndpoints daemonEndpoints;
        private Map<String, JsonNode> unknownFields = Map.of();

        private Builder() {
        }

        public Builder capacity(Map<String, Quantity> v) {
            capacity = v;
            return this;
        }

        public Builder allocatable(Map<String, Quantity> v) {
            allocatable = v;
            return this;
        }

        public Builder phase(String v) {
            phase = v;
            return this;
        }

        public Builder conditions(List<Condition> v) {
            conditions = v;
            return this;
        }

        public Builder addresses(List<NodeAddress> v) {
            addresses = v;
            return this;
        }

        public Builder daemonEndpoints(NodeDaemonEndpoints v) {
            daemonEndpoints = v;
            return this;
        }

        public Builder unknownFields(Map<String, JsonNode> v) {
            unknownFields = v;
            return this;
        }

        public NodeStatus build() {
            return new NodeStatus(capacity, allocatable, phase, conditions, addresses, daemonEndpoints, unknownFields);
        }
    }
}
