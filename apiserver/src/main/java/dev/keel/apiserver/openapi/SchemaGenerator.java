package dev.keel.apiserver.openapi;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.meta.IntOrString;
import dev.keel.api.quantity.Quantity;
import dev.keel.apiserver.patch.ListStrategy;
import dev.keel.apiserver.patch.PatchStrategies;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * OpenAPI 3 schemas of the object model, derived from the api module's records: one component schema per record
 * (named as Kubernetes names them, e.g. {@code io.k8s.api.core.v1.Container}), properties by their JSON names,
 * references as {@code allOf: [{$ref}]}, lists with their strategic-merge metadata. Not thread-safe: one per
 * document build.
 */
final class SchemaGenerator {
    private final ObjectMapper json;
    private final ObjectNode schemas;

    SchemaGenerator(ObjectMapper json, ObjectNode schemas) {
        this.json = json;
        this.schemas = schemas;
    }

    /** The component name of a record type. */
    static String nameOf(Class<?> type) {
        String pkg = type.getPackageName();
        String feature = pkg.substring(pkg.lastIndexOf('.') + 1);
        return switch (feature) {
            case "meta" -> "io.k8s.apimachinery.pkg.apis.meta.v1." + type.getSimpleName();
            case "apps" -> type.getSimpleName().startsWith("Scale")
                    ? "io.k8s.api.autoscaling.v1." + type.getSimpleName() : "io.k8s.api.apps.v1." + type.getSimpleName();
            default -> "io.k8s.api." + feature + ".v1." + type.getSimpleName();
        };
    }

    /** Adds the schema of {@code type} (and of every record it uses) and returns its name. */
    String define(Class<?> type) {
        String name = nameOf(type);
        if (schemas.has(name)) {
            return name;
        }
        ObjectNode s = schemas.putObject(name);
        s.put("type", "object");
        s.put("description", type.getSimpleName() + " (Keel's model of the Kubernetes type).");
        ObjectNode props = s.putObject("properties");
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.isAnnotationPresent(JsonAnySetter.class) || c.getName().equals("unknownFields")) {
                continue;
            }
            JsonProperty renamed = c.getAnnotation(JsonProperty.class);
            String prop = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
            props.set(prop, property(c.getGenericType(), type, prop));
        }
        return name;
    }

    private JsonNode property(Type t, Class<?> owner, String field) {
        if (t instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                ObjectNode a = json.createObjectNode();
                a.put("type", "array");
                a.set("items", property(p.getActualTypeArguments()[0], owner, field));
                listMetadata(a, owner, field);
                return a;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode m = json.createObjectNode();
                m.put("type", "object");
                m.set("additionalProperties", property(p.getActualTypeArguments()[1], owner, field));
                return m;
            }
            return json.createObjectNode().put("type", "object");
        }
        Class<?> c = (Class<?>) t;
        ObjectNode n = json.createObjectNode();
        if (c == String.class || c.isEnum()) {
            n.put("type", "string");
        } else if (c == Integer.class || c == int.class) {
            n.put("type", "integer").put("format", "int32");
        } else if (c == Long.class || c == long.class) {
            n.put("type", "integer").put("format", "int64");
        } else if (c == Boolean.class || c == boolean.class) {
            n.put("type", "boolean");
        } else if (c == Double.class || c == double.class) {
            n.put("type", "number").put("format", "double");
        } else if (c == Instant.class) {
            n.put("type", "string").put("format", "date-time");
        } else if (c == Quantity.class) {
            n.put("type", "string").put("description", "A quantity such as 500m or 128Mi.");
        } else if (c == IntOrString.class) {
            n.put("x-kubernetes-int-or-string", true);
            n.putArray("anyOf").add(json.createObjectNode().put("type", "integer"))
                    .add(json.createObjectNode().put("type", "string"));
        } else if (c.isRecord()) {
            n.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + define(c));
        } else {
            n.put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        }
        return n;
    }

    private static void listMetadata(ObjectNode array, Class<?> owner, String field) {
        String parent = switch (owner.getSimpleName()) {
            case "Container" -> "containers";
            case "ServiceSpec", "PodSpec", "NodeSpec" -> "spec";
            case "ObjectMeta" -> "metadata";
            case "NodeStatus", "PodStatus", "DeploymentStatus", "ReplicaSetStatus", "NamespaceStatus" -> "status";
            default -> owner.getSimpleName();
        };
        ListStrategy s = PatchStrategies.of(List.of(parent, field));
        if (s.kind() == ListStrategy.Kind.MERGE_BY_KEY) {
            array.put("x-kubernetes-patch-merge-key", s.mergeKey().get());
            array.put("x-kubernetes-patch-strategy", "merge");
            array.put("x-kubernetes-list-type", "map");
            array.putArray("x-kubernetes-list-map-keys").add(s.mergeKey().get());
        } else if (s.kind() == ListStrategy.Kind.MERGE_PRIMITIVES) {
            array.put("x-kubernetes-patch-strategy", "merge");
            array.put("x-kubernetes-list-type", "set");
        } else {
            array.put("x-kubernetes-list-type", "atomic");
        }
    }
}
