package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;

import java.util.List;
import java.util.Map;

/**
 * The desired state of a node.
 */
public record NodeSpec(String podCIDR,
                       String providerID,
                       Boolean unschedulable,
                       List<Taint> taints,
                       @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final NodeSpec EMPTY = new NodeSpec(null, null, null, null, Map.of());

    public NodeSpec {
        taints = Immutable.list(taints);
        unknownFields = Immutable.unknown(unknownFields);
    }

    public NodeSpec withUnschedulable(Boolean unschedulable) {
        return new NodeSpec(podCIDR, providerID, unschedulable, taints, unknownFields);
    }

    public NodeSpec withTaints(List<Taint> taints) {
        return new NodeSpec(podCIDR, providerID, unschedulable, taints, unknownFields);
    }
}
