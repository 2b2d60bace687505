package dev.keel.controllers.gc;

import dev.keel.api.client.KubeClient;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.OwnerReference;

import java.util.Optional;

/**
 * Decides the {@link OwnerState} of a dependent's owner reference. The caches answer when they hold the owner's uid;
 * otherwise the apiserver is asked (by name, then the uid compared), because a cache that lacks the owner may just be
 * behind: an owner created a moment ago must not look absent. Confirmed absences are remembered by uid.
 */
final class OwnerLookup {
    private final ObjectGraph graph;
    private final KubeClient client;
    private final AbsentOwners absent;

    OwnerLookup(ObjectGraph graph, KubeClient client, AbsentOwners absent) {
        this.graph = graph;
        this.client = client;
        this.absent = absent;
    }

    OwnerState stateOf(KubeObject dependent, OwnerReference ref) {
        Optional<ResourceType<?>> resolved = graph.resolve(ref.apiVersion(), ref.kind());
        if (resolved.isEmpty() || ref.uid() == null || ref.uid().isEmpty()) {
            return OwnerState.UNRESOLVABLE;
        }
        ResourceType<?> type = resolved.get();
        String ns = dependent.metadata().namespace();
        boolean dependentNamespaced = ns != null && !ns.isEmpty();
        if (type.namespaced() && !dependentNamespaced) {
            return OwnerState.ABSENT; // a cluster-scoped object cannot have a namespaced owner
        }
        if (absent.contains(ref.uid())) {
            return OwnerState.ABSENT;
        }
        Optional<KubeObject> cached = graph.byUid(type, ref.uid());
        if (cached.isPresent() && sameScope(cached.get(), type, ns)) {
            return classify(cached.get());
        }
        try {
            KubeObject live = client.resource(type).get(type.namespaced() ? ns : null, ref.name());
            if (ref.uid().equals(live.metadata().uid())) {
                return classify(live);
            }
        } catch (NotFoundException e) {
            // gone
        }
        absent.add(ref.uid());
        return OwnerState.ABSENT;
    }

    private static boolean sameScope(KubeObject owner, ResourceType<?> type, String ns) {
        return !type.namespaced() || ns.equals(owner.metadata().namespace());
    }

    private static OwnerState classify(KubeObject owner) {
        boolean waiting = owner.metadata().deletionTimestamp() != null
                && owner.metadata().finalizers().contains(GcFinalizers.FOREGROUND);
        return waiting ? OwnerState.WAITING : OwnerState.PRESENT;
    }
}
