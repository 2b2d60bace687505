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
 * A service (core/v1): a stable port in front of the pods its selector matches.
 */
public record Service(String apiVersion,
                      String kind,
                      ObjectMeta metadata,
                      ServiceSpec spec,
                      ServiceStatus status,
                      @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) implements KubeObject {
    public static final GroupVersionKind GVK = new GroupVersionKind("", "v1", "Service");

    public Service {
        apiVersion = apiVersion == null ? GVK.apiVersion() : apiVersion;
        kind = kind == null ? GVK.kind() : kind;
        metadata = metadata == null ? ObjectMeta.EMPTY : metadata;
        spec = spec == null ? ServiceSpec.EMPTY : spec;
        status = status == null ? ServiceStatus.EMPTY : status;
        unknownFields = Immutable.unknown(unknownFields);
    }

    @Override
    public Service withMetadata(ObjectMeta metadata) {
        return new Service(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public Service withSpec(ServiceSpec spec) {
        return new Service(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public Service withStatus(ServiceStatus status) {
        return new Service(apiVersion, kind, metadata, spec, status, unknownFields);
    }

    public static Service of(ObjectMeta metadata, ServiceSpec spec) {
        return new Service(null, null, metadata, spec, null, Map.of());
    }
}
