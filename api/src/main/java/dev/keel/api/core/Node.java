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
 * A node (core/v1, cluster-scoped): a machine pods run on.
 */
public record Node(String apiVersion,
                   String kind,
                   ObjectMeta metadata,
                   NodeSpec spec,
                   NodeStatus status,
                   @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) implements KubeObject {
    public static final GroupVersionKind GVK = new GroupVersionKind("", "v1", "Node");

    public Node {
        apiVersion = apiVersion == null ? GVK.apiVersion() : apiVersion;
        kind = kind == null ? GVK.kind() : kind;
        metadata = metadata == null ? ObjectMeta.EMPTY : metadata;
        spec = spec == null ? NodeSpec.EMPTY : spec;
        status = status == null ? NodeStatus.EMPTY : status;
        unknownFields = Immutable.unknown(unknownFields);
    }

    @Override
    public Node withMetadata(ObjectMeta metadata) {
        return new Node(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public Node withSpec(NodeSpec spec) {
        return new Node(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public Node withStatus(NodeStatus status) {
        return new Node(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public static Node of(ObjectMeta metadata, NodeSpec spec, NodeStatus status) {
        return new Node(null, null, metadata, spec, status, Map.of());
    }
}
