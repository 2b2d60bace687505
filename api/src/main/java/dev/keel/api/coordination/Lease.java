package dev.keel.api.coordination;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.GroupVersionKind;
import dev.keel.api.meta.Immutable;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.ObjectMeta;

import java.util.Map;

/**
 * A Lease (coordination.k8s.io/v1).
 */
public record Lease(String apiVersion,
                    String kind,
                    ObjectMeta metadata,
                    LeaseSpec spec,
                    @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) implements KubeObject {
    public static final GroupVersionKind GVK = new GroupVersionKind("coordination.k8s.io", "v1", "Lease");

    public Lease {
        apiVersion = apiVersion == null ? GVK.apiVersion() : apiVersion;
        kind = kind == null ? GVK.kind() : kind;
        metadata = metadata == null ? ObjectMeta.EMPTY : metadata;
        spec = spec == null ? LeaseSpec.EMPTY : spec;
        unknownFields = Immutable.unknown(unknownFields);
    }

    @Override
    public Lease withMetadata(ObjectMeta metadata) {
        return new Lease(apiVersion, kind, metadata, spec, unknownFields);
    }

    public Lease withSpec(LeaseSpec spec) {
        return new Lease(apiVersion, kind, metadata, spec, unknownFields);
    }

    public static Lease of(ObjectMeta metadata, LeaseSpec spec) {
        return new Lease(null, null, metadata, spec, Map.of());
    }
}
