package dev.keel.apiserver.registry;

import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;
import dev.keel.apiserver.storage.ObjectStore;
import dev.keel.apiserver.storage.Page;
import dev.keel.apiserver.storage.RegistryKeys;
import dev.keel.apiserver.storage.StoredObject;
import dev.keel.apiserver.storage.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Finishes the deletion of a namespace marked Terminating: deletes every object in it, then the namespace itself.
 * (Kubernetes does this in the namespace controller; Keel's apiserver does it directly until the controller
 * exists, so that {@code kubectl delete ns --wait} completes.) Objects are removed at once, without graceful
 * termination or finalizers, since nothing may live in a namespace that is gone.
 */
public final class NamespaceFinalizer {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceFinalizer.class);

    private final ObjectStore store;

    public NamespaceFinalizer(ObjectStore store) {
        this.store = store;
    }

    /** Empties and removes {@code namespace}; completes when it is gone. */
    public CompletableFuture<Void> finish(String namespace) {
        List<CompletableFuture<?>> deletes = new ArrayList<>();
        for (ResourceType<?> type : Kinds.RESOURCES) {
            if (type.namespaced()) {
                deletes.add(store.list(RegistryKeys.prefix(type, namespace), "", 0, 0)
                        .thenCompose(this::deleteAll));
            }
        }
        String nsKey = RegistryKeys.key(Kinds.NAMESPACES, null, namespace);
        return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new))
                .thenCompose(v -> store.get(nsKey))
                .thenCompose(ns -> ns.isEmpty() ? CompletableFuture.completedFuture(null)
                        : store.delete(nsKey, ns.get()).thenCompose(r -> r instanceof WriteResult.Written
                        ? CompletableFuture.<Void>completedFuture(null) : finish(namespace)))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        LOG.warn("finishing the deletion of namespace {} failed: {}", namespace, e.toString());
                    } else {
                        LOG.info("namespace {} deleted", namespace);
                    }
                });
    }

    private CompletableFuture<Void> deleteAll(Page page) {
        List<CompletableFuture<?>> deletes = new ArrayList<>();
        for (StoredObject o : page.objects()) {
            deletes.add(store.delete(o.key(), o));
        }
        return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new));
    }
}
