package dev.keel.apiserver.registry;

import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;

import java.util.List;

/** Which subresources each resource has. */
public final class Subresources {
    private Subresources() {
    }

    /** True when the resource has a status subresource, so the main resource's updates keep the stored status. */
    public static boolean hasStatus(ResourceType<?> type) {
        // Compared by identity (the kinds are constants): a set lookup hashed the whole record on every request.
        return type == Kinds.PODS || type == Kinds.NODES || type == Kinds.NAMESPACES || type == Kinds.SERVICES
                || hasScale(type);
    }

    public static boolean hasScale(ResourceType<?> type) {
        return type == Kinds.REPLICA_SETS || type == Kinds.DEPLOYMENTS;
    }

    /** True when {@code type} has the subresource {@code name}. */
    public static boolean has(ResourceType<?> type, String name) {
        return switch (name) {
            case "status" -> hasStatus(type);
            case "scale" -> hasScale(type);
            case "finalize" -> type == Kinds.NAMESPACES;
            case "binding", "log" -> type == Kinds.PODS;
            default -> false;
        };
    }

    /** The subresource names of a resource, in discovery order. */
    public static List<String> of(ResourceType<?> type) {
        List<String> out = new java.util.ArrayList<>();
        if (hasStatus(type)) {
            out.add("status");
        }
        if (hasScale(type)) {
            out.add("scale");
        }
        if (type == Kinds.NAMESPACES) {
            out.add("finalize");
        }
        if (type == Kinds.PODS) {
            out.add("binding");
            out.add("log");
        }
        return out;
    }
}
