package dev.keel.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** metadata.ownerReferences[]: the object that owns this one (the garbage collector follows these). */
public record OwnerReference(String apiVersion, String kind, String name, String uid, Boolean controller,
                             Boolean blockOwnerDeletion,
                             @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) {
    public OwnerReference {
        unknownFields = Immutable.unknown(unknownFields);
    }

    /** A controller reference ({@code controller: true, blockOwnerDeletion: true}) to {@code owner}. */
    public static OwnerReference controllerOf(KubeObject owner) {
        return new OwnerReference(owner.apiVersion(), owner.kind(), owner.metadata().name(), owner.metadata().uid(),
                true, true, Map.of());
    }

    /** True when this reference marks the managing controller. */
    public boolean isController() {
        return Boolean.TRUE.equals(controller);
    }
}
