package dev.keel.apiserver.patch;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The list merge strategies of the served kinds (Kubernetes' {@code patchStrategy}/{@code patchMergeKey} tags), by
 * field name and, where one name means different lists, by the enclosing field. A path is the list of field names
 * from the object root, array indices left out, e.g. {@code [spec, template, spec, containers, ports]}.
 */
public final class PatchStrategies {
    private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");

    private static final Map<String, ListStrategy> BY_FIELD = Map.ofEntries(
            Map.entry("containers", ListStrategy.byKey("name")),
            Map.entry("initContainers", ListStrategy.byKey("name")),
            Map.entry("ephemeralContainers", ListStrategy.byKey("name")),
            Map.entry("env", ListStrategy.byKey("name")),
            Map.entry("volumes", ListStrategy.byKey("name")),
            Map.entry("volumeMounts", ListStrategy.byKey("mountPath")),
            Map.entry("volumeDevices", ListStrategy.byKey("devicePath")),
            Map.entry("imagePullSecrets", ListStrategy.byKey("name")),
            Map.entry("hostAliases", ListStrategy.byKey("ip")),
            Map.entry("conditions", ListStrategy.byKey("type")),
            Map.entry("taints", ListStrategy.byKey("key")),
            Map.entry("ownerReferences", ListStrategy.byKey("uid")),
            Map.entry("topologySpreadConstraints", ListStrategy.byKey("topologyKey")),
            Map.entry("resourceClaims", ListStrategy.byKey("name")),
            Map.entry("finalizers", ListStrategy.PRIMITIVE_SET));

    private PatchStrategies() {
    }

    public static ListStrategy of(List<String> path) {
        String field = path.get(path.size() - 1);
        String parent = path.size() > 1 ? path.get(path.size() - 2) : "";
        if (field.equals("ports")) {
            if (CONTAINER_LISTS.contains(parent)) {
                return ListStrategy.byKey("containerPort");
            }
            if (parent.equals("spec")) {
                return ListStrategy.byKey("port"); // Service ports
            }
            return ListStrategy.REPLACE;
        }
        if (field.equals("addresses") && parent.equals("status")) {
            return ListStrategy.byKey("type"); // Node addresses
        }
        if (field.equals("finalizers") && !parent.equals("metadata")) {
            return ListStrategy.REPLACE; // Namespace spec.finalizers
        }
        return BY_FIELD.getOrDefault(field, ListStrategy.REPLACE);
    }
}
