package dev.keel.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.core.PodTemplateSpec;
import dev.keel.api.meta.Immutable;
import dev.keel.api.meta.LabelSelector;

import java.util.Map;

/**
 * The desired state of a ReplicaSet: {@code replicas} pods (default 1) from the template.
 */
public record ReplicaSetSpec(Integer replicas,
                             Integer minReadySeconds,
                             LabelSelector selector,
                             PodTemplateSpec template,
                             @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final ReplicaSetSpec EMPTY = new ReplicaSetSpec(null, null, null, null, Map.of());

    public ReplicaSetSpec {
        template = template == null ? PodTemplateSpec.EMPTY : template;
        unknownFields = Immutable.unknown(unknownFields);
    }

    public ReplicaSetSpec withReplicas(Integer replicas) {
        return new ReplicaSetSpec(replicas, minReadySeconds, selector, template, unknownFields);
    }
}
