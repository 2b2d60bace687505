package dev.keel.api.meta;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The Kubernetes error object ({@code v1 Status}). kubectl reads the body only when {@code kind},
 * {@code apiVersion} and {@code status: "Failure"} are all present, so {@link #failure} always sets them and
 * {@code metadata} is written as {@code {}}.
 *
 * @param status "Success" or "Failure"
 * @param reason a machine-readable reason such as {@code NotFound}, {@code AlreadyExists}, {@code Conflict},
 *               {@code Invalid}, {@code Expired}, {@code BadRequest}
 * @param code   the HTTP status code
 */
public record Status(String apiVersion, String kind, ListMeta metadata, String status, String message,
                     String reason, StatusDetails details, Integer code,
                     @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> unknownFields) implements TypedObject {
    public static final GroupVersionKind GVK = new GroupVersionKind("", "v1", "Status");

    public Status {
        apiVersion = apiVersion == null ? GVK.apiVersion() : apiVersion;
        kind = kind == null ? GVK.kind() : kind;
        metadata = metadata == null ? ListMeta.EMPTY : metadata;
        unknownFields = Immutable.unknown(unknownFields);
    }

    public static Status failure(int code, String reason, String message, StatusDetails details) {
        return new Status(null, null, null, "Failure", message, reason, details, code, Map.of());
    }

    public static Status success() {
        return new Status(null, null, null, "Success", null, null, null, 200, Map.of());
    }
}
