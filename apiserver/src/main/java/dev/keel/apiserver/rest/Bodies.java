package dev.keel.apiserver.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.GroupVersionKind;
import dev.keel.apiserver.http.ApiRequest;
import dev.keel.apiserver.protobuf.KubeProtobuf;
import dev.keel.apiserver.protobuf.ProtobufException;
import dev.keel.api.meta.Status;
import dev.keel.apiserver.status.ApiException;
import dev.keel.apiserver.status.Errors;

import java.io.IOException;
import java.util.List;

/**
 * Reads request bodies as JSON trees: JSON (also when no Content-Type is sent, as {@code kubectl scale} does),
 * YAML, or Kubernetes protobuf. Malformed input is a 400 with the position; an unknown media type a 415.
 */
final class Bodies {
    static final List<String> OBJECT_TYPES = List.of("application/json", "application/yaml",
            KubeProtobuf.CONTENT_TYPE);

    private final ObjectMapper json;
    private final ObjectMapper yaml = new YAMLMapper();

    Bodies(ObjectMapper json) {
        this.json = json;
    }

    /** The body of a create or update, checked to be an object of {@code type}'s kind. */
    ObjectNode object(ApiRequest r, ResourceType<?> type) {
        return object(r, type.gvk());
    }

    ObjectNode object(ApiRequest r, GroupVersionKind expected) {
        JsonNode node;
        String ct = r.contentType();
        if (ct.isEmpty() || ct.equals("application/json") || ct.equals("*/*")) {
            node = parse(json, r.body(), "JSON");
        } else if (ct.equals("application/yaml") || ct.equals("application/x-yaml") || ct.equals("text/yaml")) {
            node = parse(yaml, r.body(), "YAML");
        } else if (ct.equals(KubeProtobuf.CONTENT_TYPE)) {
            try {
                node = KubeProtobuf.decode(r.body());
            } catch (ProtobufException e) {
                throw e.unsupported() ? new ApiException(Status.failure(415, "UnsupportedMediaType", e.getMessage(), null))
                        : Errors.badRequest("the protobuf body is malformed: " + e.getMessage());
            }
        } else {
            throw Errors.unsupportedMediaType(ct, OBJECT_TYPES);
        }
        if (!(node instanceof ObjectNode obj)) {
            throw Errors.badRequest("the request body must be a JSON object, got " + describe(node));
        }
        checkKind(obj, expected);
        return obj;
    }

    /** The body of a patch (any JSON value). */
    JsonNode patch(ApiRequest r) {
        return parse(json, r.body(), "JSON");
    }

    /** An optional JSON object body (DeleteOptions); empty object when there is none. */
    ObjectNode optionalObject(ApiRequest r) {
        if (r.body().length == 0) {
            return json.createObjectNode();
        }
        JsonNode n = parse(json, r.body(), "JSON");
        if (!(n instanceof ObjectNode o)) {
            throw Errors.badRequest("the request body must be a JSON object");
        }
        return o;
    }

    private static JsonNode parse(ObjectMapper mapper, byte[] body, String format) {
        if (body.length == 0) {
            throw Errors.badRequest("the request body is empty");
        }
        try {
            JsonNode n = mapper.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw Errors.badRequest("the request body is empty");
            }
            return n;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            String msg = e.getOriginalMessage();
            int nl = msg == null ? -1 : msg.indexOf('\n');
            throw Errors.badRequest("the request body is not valid " + format + where + ": "
                    + (nl < 0 ? msg : msg.substring(0, nl)));
        } catch (IOException e) {
            throw Errors.badRequest("the request body cannot be read: " + e.getMessage());
        }
    }

    private static void checkKind(ObjectNode obj, GroupVersionKind expected) {
        JsonNode kind = obj.get("kind");
        JsonNode apiVersion = obj.get("apiVersion");
        if (kind != null && (!kind.isTextual() || !kind.asText().equals(expected.kind()))) {
            throw Errors.badRequest("kind: the kind in the body (" + kind.asText() + ") does not match the kind of "
                    + "the URL (" + expected.kind() + ")");
        }
        if (apiVersion != null && (!apiVersion.isTextual() || !apiVersion.asText().equals(expected.apiVersion()))) {
            throw Errors.badRequest("apiVersion: the apiVersion in the body (" + apiVersion.asText()
                    + ") does not match the URL (" + expected.apiVersion() + ")");
        }
    }

    private static String describe(JsonNode n) {
        return n.isArray() ? "an array" : n.isTextual() ? "a string" : n.isNumber() ? "a number"
                : n.isNull() ? "null" : n.getNodeType().toString().toLowerCase();
    }
}
