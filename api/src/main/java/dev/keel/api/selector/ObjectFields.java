package dev.keel.api.selector;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.core.Event;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.KubeObject;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The selectable fields of an object: {@code metadata.name} and {@code metadata.namespace} for every kind, plus
 * per kind what kubectl and the controllers select on ({@code spec.nodeName}, {@code status.phase} for pods;
 * {@code involvedObject.*} for events).
 */
public final class ObjectFields {
    private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");
    private static final Set<String> POD = Set.of("metadata.name", "metadata.namespace", "spec.nodeName",
            "spec.schedulerName", "status.phase", "status.podIP");
    private static final Set<String> EVENT = Set.of("metadata.name", "metadata.namespace", "involvedObject.kind",
            "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
            "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source",
            "type");
    private static final Set<String> NODE = Set.of("metadata.name", "metadata.namespace", "spec.unschedulable");
    private static final Set<String> NAMESPACE = Set.of("metadata.name", "metadata.namespace", "status.phase");

    /** Only for {@link #of(KubeObject)}: the JSON form of a record (made on first use, not when the apiserver starts). */
    private static final class Codec {
        static final KubeCodec INSTANCE = new KubeCodec();
    }

    private ObjectFields() {
    }

    /** The field names a selector may use for {@code type}. */
    public static Set<String> supported(Class<? extends KubeObject> type) {
        if (type == Pod.class) {
            return POD;
        }
        if (type == Event.class) {
            return EVENT;
        }
        if (type == Node.class) {
            return NODE;
        }
        if (type == Namespace.class) {
            return NAMESPACE;
        }
        return COMMON;
    }

    /** The selectable field values of {@code object}; absent values are "". */
    public static Map<String, String> of(KubeObject object) {
        return of(object.getClass(), Codec.INSTANCE.toTree(object));
    }

    /**
     * The selectable field values of an object of kind {@code type} in its JSON form (the apiserver's watch cache
     * holds trees: reading the fields off the tree spares binding every changed object to its record); absent
     * values are "".
     */
    public static Map<String, String> of(Class<? extends KubeObject> type, JsonNode tree) {
        Map<String, String> f = new HashMap<>();
        JsonNode meta = tree.path("metadata");
        f.put("metadata.name", text(meta, "name"));
        f.put("metadata.namespace", text(meta, "namespace"));
        if (type == Pod.class) {
            f.put("spec.nodeName", text(tree.path("spec"), "nodeName"));
            f.put("spec.schedulerName", text(tree.path("spec"), "schedulerName"));
            f.put("status.phase", text(tree.path("status"), "phase"));
            f.put("status.podIP", text(tree.path("status"), "podIP"));
        } else if (type == Event.class) {
            JsonNode r = tree.path("involvedObject");
            if (r.isObject()) {
                for (String field : new String[]{"kind", "namespace", "name", "uid", "apiVersion", "resourceVersion",
                        "fieldPath"}) {
                    f.put("involvedObject." + field, text(r, field));
                }
            }
            f.put("reason", text(tree, "reason"));
            f.put("reportingComponent", text(tree, "reportingComponent"));
            f.put("source", text(tree.path("source"), "component"));
            f.put("type", text(tree, "type"));
        } else if (type == Node.class) {
            JsonNode unschedulable = tree.path("spec").path("unschedulable");
            f.put("spec.unschedulable", Boolean.toString(unschedulable.isBoolean() && unschedulable.booleanValue()));
        } else if (type == Namespace.class) {
            f.put("status.phase", text(tree.path("status"), "phase"));
        }
        return f;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode v = parent.path(field);
        return v.isTextual() ? v.textValue() : "";
    }
}
