package dev.keel.api.selector;

import dev.keel.api.core.Event;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.Node;
import dev.keel.api.core.ObjectReference;
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
        Map<String, String> f = new HashMap<>();
        f.put("metadata.name", orEmpty(object.metadata().name()));
        f.put("metadata.namespace", orEmpty(object.metadata().namespace()));
        if (object instanceof Pod p) {
            f.put("spec.nodeName", orEmpty(p.spec().nodeName()));
            f.put("spec.schedulerName", orEmpty(p.spec().schedulerName()));
            f.put("status.phase", orEmpty(p.status().phase()));
            f.put("status.podIP", orEmpty(p.status().podIP()));
        } else if (object instanceof Event e) {
            ObjectReference r = e.involvedObject();
            if (r != null) {
                f.put("involvedObject.kind", orEmpty(r.kind()));
                f.put("involvedObject.namespace", orEmpty(r.namespace()));
                f.put("involvedObject.name", orEmpty(r.name()));
                f.put("involvedObject.uid", orEmpty(r.uid()));
                f.put("involvedObject.apiVersion", orEmpty(r.apiVersion()));
                f.put("involvedObject.resourceVersion", orEmpty(r.resourceVersion()));
                f.put("involvedObject.fieldPath", orEmpty(r.fieldPath()));
            }
            f.put("reason", orEmpty(e.reason()));
            f.put("reportingComponent", orEmpty(e.reportingComponent()));
            f.put("source", e.source() == null ? "" : orEmpty(e.source().component()));
            f.put("type", orEmpty(e.type()));
        } else if (object instanceof Node n) {
            f.put("spec.unschedulable", Boolean.toString(Boolean.TRUE.equals(n.spec().unschedulable())));
        } else if (object instanceof Namespace ns) {
            f.put("status.phase", orEmpty(ns.status().phase()));
        }
        return f;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
