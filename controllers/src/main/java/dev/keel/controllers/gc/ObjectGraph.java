package dev.keel.controllers.gc;

import dev.keel.api.informer.Indexer;
import dev.keel.api.informer.Indexers;
import dev.keel.api.informer.Informer;
import dev.keel.api.informer.InformerFactory;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.KubeObject;
import dev.keel.controllers.reconcile.SharedIndexes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The owner/dependent graph, read from the shared informers of every monitored resource: each informer is indexed
 * by uid and by owner uid, so "the object with uid u" and "the objects owned by uid u" are index lookups over the
 * caches rather than a second copy of the cluster. Read-only and thread-safe (the caches are).
 */
final class ObjectGraph {
    static final String UID = "uid";

    /** A cached object and its resource. */
    record Item(ResourceType<?> type, KubeObject object) {
        String key() {
            return ItemKey.of(type, object);
        }
    }

    private final Map<ResourceType<?>, Informer<? extends KubeObject>> informers = new LinkedHashMap<>();
    private final Map<String, ResourceType<?>> byId = new LinkedHashMap<>();

    ObjectGraph(InformerFactory factory, List<ResourceType<?>> resources) {
        for (ResourceType<?> type : resources) {
            Informer<? extends KubeObject> inf = indexed(factory, type);
            informers.put(type, inf);
            byId.put(ItemKey.resourceId(type), type);
        }
    }

    private static <T extends KubeObject> Informer<T> indexed(InformerFactory factory, ResourceType<T> type) {
        Informer<T> inf = factory.informer(type);
        Indexer<T> uid = o -> o.metadata().uid() == null ? List.of() : List.of(o.metadata().uid());
        SharedIndexes.ensure(inf, UID, uid);
        SharedIndexes.ensure(inf, Indexers.OWNER_UID, Indexers.ownerUid());
        return inf;
    }

    Map<ResourceType<?>, Informer<? extends KubeObject>> informers() {
        return informers;
    }

    Map<String, ResourceType<?>> resourcesById() {
        return byId;
    }

    Optional<KubeObject> get(ItemKey key) {
        Informer<? extends KubeObject> inf = informers.get(key.type());
        return inf == null ? Optional.empty() : inf.cache().get(key.cacheKey()).map(o -> (KubeObject) o);
    }

    /** The cached object of {@code type} with {@code uid}. */
    Optional<KubeObject> byUid(ResourceType<?> type, String uid) {
        Informer<? extends KubeObject> inf = informers.get(type);
        if (inf == null) {
            return Optional.empty();
        }
        List<? extends KubeObject> found = inf.cache().byIndex(UID, uid);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every cached object with an owner reference to {@code uid}. */
    List<Item> dependentsOf(String uid) {
        List<Item> out = new ArrayList<>();
        for (Map.Entry<ResourceType<?>, Informer<? extends KubeObject>> e : informers.entrySet()) {
            for (KubeObject o : e.getValue().cache().byIndex(Indexers.OWNER_UID, uid)) {
                out.add(new Item(e.getKey(), o));
            }
        }
        return out;
    }

    /** The monitored resource of an owner reference's {@code apiVersion} and {@code kind}. */
    Optional<ResourceType<?>> resolve(String apiVersion, String kind) {
        if (apiVersion == null || kind == null) {
            return Optional.empty();
        }
        return Kinds.classOf(apiVersion, kind).flatMap(c -> informers.keySet().stream()
                .filter(t -> t.type() == c).findFirst());
    }
}
