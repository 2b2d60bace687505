package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.GroupVersionKind;
import dev.keel.api.meta.Immutable;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.ObjectMeta;

import java.util.Map;

/**
 * A pod (core/v1): one or more containers scheduled together onto a node.
 */
public record Pod(String apiVersion,
                  String kind,
                  ObjectMeta metadata,
                  PodSpec spec,
                  PodStatus status,
                  @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) implements KubeObject {
    public static final GroupVersionKind GVK = new GroupVersionKind("", "v1", "Pod");

    public Pod {
        apiVersion = apiVersion == null ? GVK.apiVersion() : apiVersion;
        kind = kind == null ? GVK.kind() : kind;
        metadata = metadata == null ? ObjectMeta.EMPTY : metadata;
        spec = spec == null ? PodSpec.EMPTY : spec;
        status = status == null ? PodStatus.EMPTY : status;
        unknownFields = Immutable.unknown(unknownFields);
    }

    @Override
    public Pod withMetadata(ObjectMeta metadata) {
        return new Pod(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public Pod withSpec(PodSpec spec) {
        return new Pod(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public Pod withStatus(PodStatus status) {
        return new Pod(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public static Pod of(ObjectMeta metadata, PodSpec spec) {
        return new Pod(null, null, metadata, spec, null, Map.of());
    }
}
