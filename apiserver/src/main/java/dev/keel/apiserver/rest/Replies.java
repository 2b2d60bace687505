package dev.keel.apiserver.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.Status;
import dev.keel.apiserver.http.ApiRequest;
import dev.keel.apiserver.http.ApiResponse;
import dev.keel.apiserver.registry.StoredJson;
import dev.keel.apiserver.status.Errors;
import dev.keel.apiserver.table.TableWriter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes answers in the form the client accepts: JSON objects and lists, or Tables when the Accept header asks for
 * {@code as=Table}. A list is assembled from the items' JSON bytes (the watch cache keeps them encoded), so a list
 * of thousands of objects is not re-serialized.
 */
final class Replies {
    private final ObjectMapper json;
    private final TableWriter tables;
    private final byte[] success;
    private final ObjectMapper yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
            .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER);

    Replies(ObjectMapper json, TableWriter tables) {
        this.json = json;
        this.tables = tables;
        this.success = bytes(jsonTree(Status.success()));
    }

    static boolean wantsTable(ApiRequest r) {
        return r.accept().contains("as=Table");
    }

    /** 406 when the client accepts neither JSON nor anything. */
    static void checkAcceptable(ApiRequest r) {
        String a = r.accept().toLowerCase(java.util.Locale.ROOT);
        if (!a.isEmpty() && !a.contains("json") && !a.contains("*/*") && !a.contains("application/*")
                && !a.contains("yaml")) {
            throw Errors.notAcceptable(r.accept());
        }
    }

    /**
     * The response in the form the client prefers: JSON answers become YAML when the Accept header names
     * {@code application/yaml} before any JSON type (errors stay JSON, as do Tables and streams).
     */
    ApiResponse negotiate(ApiRequest r, ApiResponse response) {
        if (!(response instanceof ApiResponse.Full full) || !full.contentType().equals("application/json")
                || !prefersYaml(r.accept())) {
            return response;
        }
        try {
            byte[] body = yaml.writeValueAsBytes(json.readTree(full.body()));
            return new ApiResponse.Full(full.code(), "application/yaml", body, full.headers());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot turn a JSON answer into YAML", e);
        }
    }

    static boolean prefersYaml(String accept) {
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (type.equals("application/yaml")) {
                return true;
            }
            if (type.equals("application/json") || type.equals("*/*") || type.equals("application/*")) {
                return false;
            }
        }
        return false;
    }

    ApiResponse json(int code, JsonNode node) {
        return ApiResponse.json(code, bytes(node));
    }

    /** One object, as JSON or (for reads that accept it) a one-row Table. */
    ApiResponse object(ApiRequest r, ResourceType<?> type, ObjectNode o, int code) {
        if (wantsTable(r) && r.method().equals("GET")) {
            ObjectNode t = tables.table(type, List.of(o), null, null, TableWriter.include(r.param("includeObject")
                    .orElse(null)));
            return new ApiResponse.Full(code, TableWriter.CONTENT_TYPE, bytes(t), Map.of());
        }
        return json(code, o);
    }

    /**
     * A list of items read at {@code revision}, given as their JSON (parsed only for a Table).
     */
    ApiResponse list(ApiRequest r, ResourceType<?> type, List<byte[]> itemJson, long revision,
                     String continueToken) {
        if (wantsTable(r)) {
            List<ObjectNode> items = new java.util.ArrayList<>(itemJson.size());
            for (byte[] item : itemJson) {
                items.add(StoredJson.tree(json, item));
            }
            ObjectNode t = tables.table(type, items, Long.toString(revision), continueToken,
                    TableWriter.include(r.param("includeObject").orElse(null)));
            return new ApiResponse.Full(200, TableWriter.CONTENT_TYPE, bytes(t), Map.of());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + itemJson.stream().mapToInt(b -> b.length + 1).sum());
        out.writeBytes(("{\"kind\":\"" + type.listKind() + "\",\"apiVersion\":\"" + type.gvk().apiVersion()
                + "\",\"metadata\":{\"resourceVersion\":\"" + revision + "\""
                + (continueToken == null ? "" : ",\"continue\":" + quote(continueToken))
                + "},\"items\":[").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < itemJson.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(itemJson.get(i));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return ApiResponse.json(200, out.toByteArray());
    }

    /** A Status of success (the answer to a binding), encoded once. */
    ApiResponse success(int code) {
        return ApiResponse.json(code, success);
    }

    /** Any value as a tree (Status and other records). */
    JsonNode jsonTree(Object value) {
        return json.valueToTree(value);
    }

    byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private String quote(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
