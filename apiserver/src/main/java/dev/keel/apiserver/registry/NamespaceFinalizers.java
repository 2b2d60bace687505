package dev.keel.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The namespace lifecycle as Kubernetes' namespace registry has it. A new namespace gets the {@code kubernetes}
 * finalizer in {@code spec.finalizers}; deleting it marks it Terminating (deletionTimestamp set); the namespace
 * controller (in the controller-manager, not here) deletes everything in it and then removes its finalizer through
 * the {@code finalize} subresource; the write that leaves a Terminating namespace with no finalizer at all (spec
 * or metadata) deletes it. Only {@code finalize} may change {@code spec.finalizers}.
 */
final class NamespaceFinalizers {
    /** The finalizer of the namespace controller. */
    static final String KUBERNETES = "kubernetes";

    private NamespaceFinalizers() {
    }

    /** Adds {@code kubernetes} to {@code spec.finalizers} of a namespace being created, in place. */
    static void requireKubernetes(ObjectNode namespace) {
        ObjectNode spec = namespace.get("spec") instanceof ObjectNode s ? s : namespace.putObject("spec");
        ArrayNode finalizers = spec.get("finalizers") instanceof ArrayNode a ? a : spec.putArray("finalizers");
        for (JsonNode f : finalizers) {
            if (KUBERNETES.equals(f.asText())) {
                return;
            }
        }
        finalizers.add(KUBERNETES);
    }

    /** True while {@code spec.finalizers} is not empty. */
    static boolean pending(ObjectNode namespace) {
        JsonNode f = namespace.path("spec").get("finalizers");
        return f != null && f.isArray() && !f.isEmpty();
    }

    /** {@code old} with the {@code spec.finalizers} of {@code desired} (the finalize subresource). */
    static ObjectNode withFinalizersOf(ObjectNode old, ObjectNode desired) {
        ObjectNode next = old.deepCopy();
        ObjectNode spec = next.get("spec") instanceof ObjectNode s ? s : next.putObject("spec");
        JsonNode wanted = desired.path("spec").get("finalizers");
        if (wanted == null || !wanted.isArray()) {
            spec.remove("finalizers");
        } else {
            spec.set("finalizers", wanted.deepCopy());
        }
        return next;
    }

    /** Puts the spec of {@code old} into {@code next}, in place (a main-resource update keeps the spec). */
    static void keepSpec(ObjectNode old, ObjectNode next) {
        JsonNode spec = old.get("spec");
        if (spec == null) {
            next.remove("spec");
        } else {
            next.set("spec", spec.deepCopy());
        }
    }
}
