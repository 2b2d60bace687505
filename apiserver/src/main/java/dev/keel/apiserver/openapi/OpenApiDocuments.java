package dev.keel.apiserver.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.apps.Scale;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.GroupVersionKind;
import dev.keel.apiserver.discovery.Discovery;
import dev.keel.apiserver.registry.Subresources;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI v3 documents: the index at {@code /openapi/v3} and one document per group-version. Every item path
 * has a PATCH (and PUT/POST) operation that carries {@code x-kubernetes-group-version-kind} as an object and an
 * inline {@code fieldValidation} parameter: that is how kubectl learns the server validates fields, without which
 * create, apply, replace and edit fail. Schemas come from the api records ({@link SchemaGenerator}). Built once;
 * each document's hash (its SHA-256) is its ETag.
 *
 * <p>PATCH request bodies list merge-patch and JSON-patch types but not strategic merge: kubectl then computes
 * apply patches from its built-in types, whose merge keys are authoritative, rather than from these schemas.
 */
public final class OpenApiDocuments {
    private final Map<String, byte[]> documents = new LinkedHashMap<>();
    private final Map<String, String> hashes = new LinkedHashMap<>();
    private final byte[] index;

    public OpenApiDocuments(ObjectMapper json, Discovery discovery) {
        ObjectNode paths = json.createObjectNode();
        for (String gv : discovery.groupVersionPaths()) {
            byte[] doc = bytes(json, document(json, discovery.resources(gv)));
            String hash = sha256(doc);
            documents.put(gv, doc);
            hashes.put(gv, hash);
            paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + hash);
        }
        ObjectNode idx = json.createObjectNode();
        idx.set("paths", paths);
        this.index = bytes(json, idx);
    }

    public byte[] index() {
        return index;
    }

    /** The document of a group-version path ({@code api/v1}), if served. */
    public Optional<byte[]> document(String groupVersionPath) {
        return Optional.ofNullable(documents.get(groupVersionPath));
    }

    public Optional<String> hash(String groupVersionPath) {
        return Optional.ofNullable(hashes.get(groupVersionPath));
    }

    private static ObjectNode document(ObjectMapper json, List<ResourceType<?>> types) {
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Keel").put("version", "v1.32.0");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        SchemaGenerator gen = new SchemaGenerator(json, schemas);
        for (ResourceType<?> t : types) {
            String schema = gen.define(t.type());
            gvkArray(((ObjectNode) schemas.get(schema)).putArray("x-kubernetes-group-version-kind"), t.gvk());
            String ns = t.namespaced() ? "{namespace}" : null;
            ObjectNode collection = paths.putObject(t.collectionPath(ns));
            collection.set("get", operation(json, "list", t.gvk(), false, schema));
            collection.set("post", operation(json, "create", t.gvk(), true, schema));
            ObjectNode item = paths.putObject(itemTemplate(t));
            item.set("get", operation(json, "read", t.gvk(), false, schema));
            item.set("put", operation(json, "replace", t.gvk(), true, schema));
            item.set("patch", patch(json, t.gvk(), schema));
            item.set("delete", operation(json, "delete", t.gvk(), false, schema));
            for (String sub : Subresources.of(t)) {
                if (sub.equals("status") || sub.equals("scale")) {
                    GroupVersionKind k = Discovery.subresourceKind(t, sub);
                    String subSchema = sub.equals("scale") ? gen.define(Scale.class) : schema;
                    ObjectNode p = paths.putObject(itemTemplate(t) + "/" + sub);
                    p.set("get", operation(json, "read", k, false, subSchema));
                    p.set("put", operation(json, "replace", k, true, subSchema));
                    p.set("patch", patch(json, k, subSchema));
                }
            }
        }
        return doc;
    }

    private static String itemTemplate(ResourceType<?> t) {
        return t.groupVersionPath() + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural() + "/{name}";
    }

    private static ObjectNode operation(ObjectMapper json, String action, GroupVersionKind gvk, boolean validates,
                                        String schema) {
        ObjectNode op = json.createObjectNode();
        op.put("operationId", action + gvk.kind());
        op.put("x-kubernetes-action", action.equals("read") ? "get" : action.equals("replace") ? "put"
                : action.equals("create") ? "post" : action);
        gvkObject(op.putObject("x-kubernetes-group-version-kind"), gvk);
        ArrayNode params = op.putArray("parameters");
        if (validates) {
            fieldValidation(params);
            ObjectNode body = op.putObject("requestBody").put("required", true).putObject("content");
            body.putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/" + schema);
        }
        op.putObject("responses").putObject("200").putObject("content").putObject("application/json")
                .putObject("schema").put("$ref", "#/components/schemas/" + schema);
        return op;
    }

    private static ObjectNode patch(ObjectMapper json, GroupVersionKind gvk, String schema) {
        ObjectNode op = json.createObjectNode();
        op.put("operationId", "patch" + gvk.kind());
        op.put("x-kubernetes-action", "patch");
        gvkObject(op.putObject("x-kubernetes-group-version-kind"), gvk);
        ArrayNode params = op.putArray("parameters");
        fieldValidation(params);
        params.addObject().put("name", "fieldManager").put("in", "query").putObject("schema").put("type", "string");
        params.addObject().put("name", "force").put("in", "query").putObject("schema").put("type", "boolean");
        ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
        for (String type : List.of("application/json-patch+json", "application/merge-patch+json")) {
            content.putObject(type).putObject("schema").put("type", "object");
        }
        op.putObject("responses").putObject("200").putObject("content").putObject("application/json")
                .putObject("schema").put("$ref", "#/components/schemas/" + schema);
        return op;
    }

    private static void fieldValidation(ArrayNode params) {
        ObjectNode p = params.addObject();
        p.put("name", "fieldValidation");
        p.put("in", "query");
        p.put("description", "Ignore, Warn or Strict: how unknown or duplicate fields in the body are treated.");
        p.put("uniqueItems", true);
        p.putObject("schema").put("type", "string");
    }

    private static void gvkObject(ObjectNode n, GroupVersionKind gvk) {
        n.put("group", gvk.group());
        n.put("version", gvk.version());
        n.put("kind", gvk.kind());
    }

    private static void gvkArray(ArrayNode a, GroupVersionKind gvk) {
        gvkObject(a.addObject(), gvk);
    }

    private static byte[] bytes(ObjectMapper json, ObjectNode n) {
        try {
            return json.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an OpenAPI document", e);
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
