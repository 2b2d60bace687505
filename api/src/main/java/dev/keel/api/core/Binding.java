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
 * Binds a pod to a node (the pods/binding subresource the scheduler posts).
 */
public record Binding(String apiVersion,
                      String kind,
                      ObjectMeta metadata,
                      ObjectReference target,
                      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) implements KubeObject {
    public static final GroupVersionKind GVK = new GroupVersionKind("", "v1", "Binding");

    public Binding {
        apiVersion = apiVersion == null ? GVK.apiVersion() : apiVersion;
        kind = kind == null ? GVK.kind() : kind;
        metadata = metadata == null ? ObjectMeta.EMPTY : metadata;
        unknownFields = Immutable.unknown(unknownFields);
    }

    @Override
    public Binding withMetadata(ObjectMeta metadata) {
        return new Binding(apiVersion, kind, metadata, target, unknownFields);
    }

    public Binding withTarget(ObjectReference target) {
        return new Binding(apiVersion, kind, metadata, target, unknownFields);
    }

    /** A binding of pod {@code namespace/name} to {@code nodeName}. */
    public static Binding of(String namespace, String name, String nodeName) {
        return new Binding(null, null, ObjectMeta.of(namespace, name), ObjectReference.to("Node", null, nodeName),
                Map.of());
    }
}
