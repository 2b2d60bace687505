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
 * A namespace (core/v1, cluster-scoped).
 */
public record Namespace(String apiVersion,
                        String kind,
                        ObjectMeta metadata,
                        NamespaceSpec spec,
                        NamespaceStatus status,
                        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) implements KubeObject {
    public static final GroupVersionKind GVK = new GroupVersionKind("", "v1", "Namespace");

    public Namespace {
        apiVersion = apiVersion == null ? GVK.apiVersion() : apiVersion;
        kind = kind == null ? GVK.kind() : kind;
        metadata = metadata == null ? ObjectMeta.EMPTY : metadata;
        spec = spec == null ? NamespaceSpec.EMPTY : spec;
        status = status == null ? NamespaceStatus.EMPTY : status;
        unknownFields = Immutable.unknown(unknownFields);
    }

    @Override
    public Namespace withMetadata(ObjectMeta metadata) {
        return new Namespace(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public Namespace withSpec(NamespaceSpec spec) {
        return new Namespace(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public Namespace withStatus(NamespaceStatus status) {
        return new Namespace(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public static Namespace of(String name) {
        return new Namespace(null, null, ObjectMeta.of(null, name), null, null, Map.of());
    }
}
