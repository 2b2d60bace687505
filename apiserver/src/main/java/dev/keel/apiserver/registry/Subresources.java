package dev.keel.apiserver.registry;

import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;

import java.util.List;
import java.util.Set;

/** Which subresources each resource has. */
public final class Subresources {
    private static final Set<ResourceType<?>> WITH_STATUS = Set.of(Kinds.PODS, Kinds.NODES, Kinds.NAMESPACES,
            Kinds.SERVICES, Kinds.REPLICA_SETS, Kinds.DEPLOYMENTS);
    private static final Set<ResourceType<?>> WITH_SCALE = Set.of(Kinds.REPLICA_SETS, Kinds.DEPLOYMENTS);

    private Subresources() {
    }

    /** True when the resource has a status subresource, so the main resource's updates keep the stored status. */
    public static boolean hasStatus(ResourceType<?> type) {
        return WITH_STATUS.contains(type);
    }

    public static boolean hasScale(ResourceType<?> type) {
        return WITH_SCALE.contains(type);
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
