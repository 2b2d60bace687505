package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.Immutable;
import dev.keel.api.meta.ObjectMeta;

import java.util.Map;

/**
 * The pod template of a ReplicaSet or Deployment.
 */
public record PodTemplateSpec(ObjectMeta metadata,
                              PodSpec spec,
                              @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    /** No field set. */
    public static final PodTemplateSpec EMPTY = new PodTemplateSpec(null, null, Map.of());

    public PodTemplateSpec {
        metadata = metadata == null ? ObjectMeta.EMPTY : metadata;
        spec = spec == null ? PodSpec.EMPTY : spec;
        unknownFields = Immutable.unknown(unknownFields);
    }

    public PodTemplateSpec withMetadata(ObjectMeta metadata) {
        return new PodTemplateSpec(metadata, spec, unknownFields);
    }

    public PodTemplateSpec withSpec(PodSpec spec) {
        return new PodTemplateSpec(metadata, spec, unknownFields);
    }

    public static PodTemplateSpec of(ObjectMeta metadata, PodSpec spec) {
        return new PodTemplateSpec(metadata, spec, Map.of());
    }
}
