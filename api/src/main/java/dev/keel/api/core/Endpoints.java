package dev.keel.api.core;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import dev.keel.api.meta.GroupVersionKind;
import dev.keel.api.meta.Immutable;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.ObjectMeta;

import java.util.List;
import java.util.Map;

/**
 * The backends of a service (core/v1), maintained by the endpoints controller.
 */
public record Endpoints(String apiVersion,
                        String kind,
                        ObjectMeta metadata,
                        List<EndpointSubset> subsets,
                        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) implements KubeObject {
    public static final GroupVersionKind GVK = new GroupVersionKind("", "v1", "Endpoints");

    public Endpoints {
        apiVersion = apiVersion == null ? GVK.apiVersion() : apiVersion;
        kind = kind == null ? GVK.kind() : kind;
        metadata = metadata == null ? ObjectMeta.EMPTY : metadata;
        subsets = Immutable.list(subsets);
        unknownFields = Immutable.unknown(unknownFields);
    }

    @Override
    public Endpoints withMetadata(ObjectMeta metadata) {
        return new Endpoints(apiVersion, kind, metadata, subsets, unknownFields);
    }

    public Endpoints withSubsets(List<EndpointSubset> subsets) {
        return new Endpoints(apiVersion, kind, metadata, subsets, unknownFields);
    }

    public static Endpoints of(ObjectMeta metadata, List<EndpointSubset> subsets) {
        return new Endpoints(null, null, metadata, subsets, Map.of());
    }
}
