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
 * A Deployment (apps/v1): rolls a ReplicaSet per pod template revision.
 */
public record Deployment(String apiVersion,
                         String kind,
                         ObjectMeta metadata,
                         DeploymentSpec spec,
                         DeploymentStatus status,
                         @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) implements KubeObject {
    public static final GroupVersionKind GVK = new GroupVersionKind("apps", "v1", "Deployment");

    public Deployment {
        apiVersion = apiVersion == null ? GVK.apiVersion() : apiVersion;
        kind = kind == null ? GVK.kind() : kind;
        metadata = metadata == null ? ObjectMeta.EMPTY : metadata;
        spec = spec == null ? DeploymentSpec.EMPTY : spec;
        status = status == null ? DeploymentStatus.EMPTY : status;
        unknownFields = Immutable.unknown(unknownFields);
    }

    @Override
    public Deployment withMetadata(ObjectMeta metadata) {
        return new Deployment(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public Deployment withSpec(DeploymentSpec spec) {
        return new Deployment(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public Deployment withStatus(DeploymentStatus status) {
        return new Deployment(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public static Deployment of(ObjectMeta metadata, DeploymentSpec spec) {
        return new Deployment(null, null, metadata, spec, null, Map.of());
    }
}
