package dev.keel.api.apps;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.GroupVersionKind;
import dev.keel.api.meta.Immutable;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.ObjectMeta;

import java.util.Map;

/**
 * autoscaling/v1 Scale: the {@code scale} subresource of Deployments and ReplicaSets.
 */
public record Scale(String apiVersion,
                    String kind,
                    ObjectMeta metadata,
                    ScaleSpec spec,
                    ScaleStatus status,
                    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) implements KubeObject {
    public static final GroupVersionKind GVK = new GroupVersionKind("autoscaling", "v1", "Scale");

    public Scale {
        apiVersion = apiVersion == null ? GVK.apiVersion() : apiVersion;
        kind = kind == null ? GVK.kind() : kind;
        metadata = metadata == null ? ObjectMeta.EMPTY : metadata;
        spec = spec == null ? ScaleSpec.EMPTY : spec;
        status = status == null ? ScaleStatus.EMPTY : status;
        unknownFields = Immutable.unknown(unknownFields);
    }

    @Override
    public Scale withMetadata(ObjectMeta metadata) {
        return new Scale(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public Scale withSpec(ScaleSpec spec) {
        return new Scale(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public Scale withStatus(ScaleStatus status) {
        return new Scale(apiVersion, kind, metadata, spec, status, unknownFields);
    }
}
