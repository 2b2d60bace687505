package dev.keel.api.kinds;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.apps.Scale;
import dev.keel.api.coordination.Lease;
import dev.keel.api.core.Binding;
import dev.keel.api.core.Endpoints;
import dev.keel.api.core.Event;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.core.Service;
import dev.keel.api.meta.GroupVersionKind;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.Status;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kinds Keel serves: the stored resources, plus the wire-only kinds (Status, Scale, Binding). Immutable; the
 * apiserver routes by {@link #byPlural}, the codec checks decoded kinds with {@link #gvkOf}.
 */
public final class Kinds {
    public static final ResourceType<Namespace> NAMESPACES =
            new ResourceType<>(Namespace.GVK, "namespaces", "namespace", false, List.of("ns"), Namespace.class);
    public static final ResourceType<Node> NODES =
            new ResourceType<>(Node.GVK, "nodes", "node", false, List.of("no"), Node.class);
    public static final ResourceType<Pod> PODS =
            new ResourceType<>(Pod.GVK, "pods", "pod", true, List.of("po"), Pod.class);
    public static final ResourceType<Service> SERVICES =
            new ResourceType<>(Service.GVK, "services", "service", true, List.of("svc"), Service.class);
    public static final ResourceType<Endpoints> ENDPOINTS =
            new ResourceType<>(Endpoints.GVK, "endpoints", "endpoints", true, List.of("ep"), Endpoints.class);
    public static final ResourceType<Event> EVENTS =
            new ResourceType<>(Event.GVK, "events", "event", true, List.of("ev"), Event.class);
    public static final ResourceType<ReplicaSet> REPLICA_SETS =
            new ResourceType<>(ReplicaSet.GVK, "replicasets", "replicaset", true, List.of("rs"), ReplicaSet.class);
    public static final ResourceType<Deployment> DEPLOYMENTS =
            new ResourceType<>(Deployment.GVK, "deployments", "deployment", true, List.of("deploy"), Deployment.class);
    public static final ResourceType<Lease> LEASES =
            new ResourceType<>(Lease.GVK, "leases", "lease", true, List.of(), Lease.class);

    /** Every stored resource, in discovery order. */
    public static final List<ResourceType<?>> RESOURCES =
            List.of(NAMESPACES, NODES, PODS, SERVICES, ENDPOINTS, EVENTS, REPLICA_SETS, DEPLOYMENTS, LEASES);

    private static final Map<Class<?>, GroupVersionKind> BY_CLASS = Map.ofEntries(
            Map.entry(Namespace.class, Namespace.GVK), Map.entry(Node.class, Node.GVK), Map.entry(Pod.class, Pod.GVK),
            Map.entry(Service.class, Service.GVK), Map.entry(Endpoints.class, Endpoints.GVK),
            Map.entry(Event.class, Event.GVK), Map.entry(ReplicaSet.class, ReplicaSet.GVK),
            Map.entry(Deployment.class, Deployment.GVK), Map.entry(Lease.class, Lease.GVK),
            Map.entry(Status.class, Status.GVK), Map.entry(Scale.class, Scale.GVK),
            Map.entry(Binding.class, Binding.GVK));

    private static final Map<GroupVersionKind, Class<?>> BY_GVK =
            BY_CLASS.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private static final Map<String, ResourceType<?>> BY_PLURAL = RESOURCES.stream().collect(
            Collectors.toUnmodifiableMap(r -> r.gvk().group() + "/" + r.gvk().version() + "/" + r.plural(),
                    Function.identity()));

    private Kinds() {
    }

    /** The kind a top-level class is written as, if it is one of Keel's kinds. */
    public static Optional<GroupVersionKind> gvkOf(Class<?> type) {
        return Optional.ofNullable(BY_CLASS.get(type));
    }

    /** The class for an {@code apiVersion} and {@code kind}, if Keel knows it. */
    public static Optional<Class<?>> classOf(String apiVersion, String kind) {
        return Optional.ofNullable(BY_GVK.get(GroupVersionKind.of(apiVersion, kind)));
    }

    /** The resource served at {@code /api(s)/<group>/<version>/<plural>}; group "" is the core group. */
    public static Optional<ResourceType<?>> byPlural(String group, String version, String plural) {
        return Optional.ofNullable(BY_PLURAL.get(group + "/" + version + "/" + plural));
    }

    /** The resource of a stored class. */
    @SuppressWarnings("unchecked")
    public static <T extends KubeObject> Optional<ResourceType<T>> resourceOf(Class<T> type) {
        return RESOURCES.stream().filter(r -> r.type() == type).map(r -> (ResourceType<T>) r).findFirst();
    }
}
