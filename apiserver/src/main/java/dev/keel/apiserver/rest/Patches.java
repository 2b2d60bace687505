package dev.keel.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.apiserver.patch.JsonPatch;
import dev.keel.apiserver.patch.MergePatch;
import dev.keel.apiserver.patch.PatchException;
import dev.keel.apiserver.patch.StrategicMergePatch;
import dev.keel.apiserver.status.ApiException;
import dev.keel.apiserver.status.Errors;

import java.util.List;

/** Chooses the patch kind by Content-Type and applies it to an object tree. */
final class Patches {
    static final String MERGE = "application/merge-patch+json";
    static final String JSON = "application/json-patch+json";
    static final String STRATEGIC = "application/strategic-merge-patch+json";
    static final String APPLY = "application/apply-patch+yaml";

    private Patches() {
    }

    /** Fails fast for a patch type that is not served. */
    static void checkType(String contentType) {
        if (contentType.equals(APPLY)) {
            throw new ApiException(dev.keel.api.meta.Status.failure(415, "UnsupportedMediaType",
                    "server-side apply is not supported by Keel; use client-side apply (kubectl apply without "
                            + "--server-side) or a merge, JSON or strategic merge patch", null));
        }
        if (!contentType.equals(MERGE) && !contentType.equals(JSON) && !contentType.equals(STRATEGIC)) {
            throw Errors.unsupportedMediaType(contentType, List.of(MERGE, JSON, STRATEGIC));
        }
    }

    /** The patched object; a patch that does not apply is a 400 (422 for a failed JSON-patch test). */
    static ObjectNode apply(String contentType, ObjectNode current, JsonNode patch) {
        JsonNode result;
        try {
            result = switch (contentType) {
                case MERGE -> MergePatch.apply(current, patch);
                case JSON -> JsonPatch.apply(current, patch);
                default -> StrategicMergePatch.apply(current, patch);
            };
        } catch (PatchException e) {
            throw e.conflict() ? new ApiException(dev.keel.api.meta.Status.failure(422, "Invalid",
                    "the JSON patch test failed: " + e.getMessage(), null))
                    : Errors.badRequest("the patch cannot be applied: " + e.getMessage());
        }
        if (!(result instanceof ObjectNode o)) {
            throw Errors.badRequest("the patched document is not an object");
        }
        return o;
    }
}
