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
 * A ReplicaSet (apps/v1): keeps a number of identical pods running.
 */
public record ReplicaSet(String apiVersion,
                         String kind,
                         ObjectMeta metadata,
                         ReplicaSetSpec spec,
                         ReplicaSetStatus status,
                         @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) implements KubeObject {
    public static final GroupVersionKind GVK = new GroupVersionKind("apps", "v1", "ReplicaSet");

    public ReplicaSet {
        apiVersion = apiVersion == null ? GVK.apiVersion() : apiVersion;
        kind = kind == null ? GVK.kind() : kind;
        metadata = metadata == null ? ObjectMeta.EMPTY : metadata;
        spec = spec == null ? ReplicaSetSpec.EMPTY : spec;
        status = status == null ? ReplicaSetStatus.EMPTY : status;
        unknownFields = Immutable.unknown(unknownFields);
    }

    @Override
    public ReplicaSet withMetadata(ObjectMeta metadata) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public ReplicaSet withSpec(ReplicaSetSpec spec) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public ReplicaSet withStatus(ReplicaSetStatus status) {
        return new ReplicaSet(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public static ReplicaSet of(ObjectMeta metadata, ReplicaSetSpec spec) {
        return new ReplicaSet(null, null, metadata, spec, null, Map.of());
    }
}
