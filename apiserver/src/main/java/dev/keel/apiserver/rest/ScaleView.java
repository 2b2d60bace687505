package dev.keel.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.meta.LabelSelector;
import dev.keel.api.selector.Selector;
import dev.keel.apiserver.status.Errors;

/**
 * The {@code autoscaling/v1 Scale} view of a Deployment or ReplicaSet: spec.replicas, status.replicas and the
 * selector as a string. Writing a Scale changes only the parent's spec.replicas.
 */
final class ScaleView {
    private final ObjectMapper json;

    ScaleView(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode of(ObjectNode parent) {
        ObjectNode s = json.createObjectNode();
        s.put("kind", "Scale");
        s.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = s.putObject("metadata");
        JsonNode pm = parent.path("metadata");
        for (String f : new String[]{"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (pm.has(f)) {
                meta.set(f, pm.get(f));
            }
        }
        s.putObject("spec").put("replicas", parent.path("spec").path("replicas").asInt(1));
        ObjectNode status = s.putObject("status");
        status.put("replicas", parent.path("status").path("replicas").asInt(0));
        status.put("selector", selector(parent.path("spec").path("selector")));
        return s;
    }

    /** {@code parent} with the replicas of {@code scale}. */
    ObjectNode applyTo(ObjectNode parent, ObjectNode scale) {
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isIntegralNumber() || replicas.asLong() < 0 || replicas.asLong() > Integer.MAX_VALUE) {
            throw Errors.badRequest("spec.replicas: Invalid value: " + replicas
                    + ": must be a non-negative 32-bit integer");
        }
        ObjectNode spec = parent.get("spec") instanceof ObjectNode s ? s : parent.putObject("spec");
        spec.put("replicas", replicas.asInt());
        return parent;
    }

    private String selector(JsonNode selector) {
        if (!selector.isObject()) {
            return "";
        }
        try {
            return Selector.of(json.treeToValue(selector, LabelSelector.class)).toString();
        } catch (Exception e) {
            return "";
        }
    }
}
