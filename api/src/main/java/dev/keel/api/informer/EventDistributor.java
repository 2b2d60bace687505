package dev.keel.api.informer;

import dev.keel.api.meta.KubeObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Applies changes to the cache, then tells the handlers. Confined to the informer's serial executor, so handler
 * calls never overlap. A handler that throws is logged and skipped; the others still run.
 */
final class EventDistributor<T extends KubeObject> {
    private static final Logger log = LoggerFactory.getLogger(EventDistributor.class);

    private final String name;
    private final ObjectCache<T> cache;
    private final List<EventHandler<T>> handlers = new CopyOnWriteArrayList<>();

    EventDistributor(String name, ObjectCache<T> cache) {
        this.name = name;
        this.cache = cache;
    }

    /** Registers {@code h} and replays the cached objects to it as adds. */
    void addHandler(EventHandler<T> h) {
        handlers.add(h);
        for (T o : cache.list()) {
            call("add", o, () -> h.onAdd(o));
        }
    }

    /** An ADDED or MODIFIED event. */
    void upsert(T object) {
        T old = cache.put(object);
        if (old == null) {
            each("add", object, h -> h.onAdd(object));
        } else {
            each("update", object, h -> h.onUpdate(old, object));
        }
    }

    /** A DELETED event: tells the handlers only if the object was cached. */
    void delete(T object) {
        T old = cache.remove(ObjectCache.keyOf(object));
        if (old != null) {
            each("delete", object, h -> h.onDelete(object));
        }
    }

    /**
     * A full list replaces the cache: new keys are adds, changed resourceVersions are updates (unchanged ones
     * are left alone), and keys missing from the list are deletes with the last cached state, in key order.
     */
    void replace(List<T> items) {
        Map<String, T> fresh = new HashMap<>();
        for (T o : items) {
            fresh.put(ObjectCache.keyOf(o), o);
        }
        for (String key : new TreeSet<>(cache.keys())) {
            if (!fresh.containsKey(key)) {
                T gone = cache.remove(key);
                if (gone != null) {
                    each("delete", gone, h -> h.onDelete(gone));
                }
            }
        }
        for (T o : items) {
            T old = cache.get(ObjectCache.keyOf(o)).orElse(null);
            if (old == null) {
                upsert(o);
            } else if (!Objects.equals(old.metadata().resourceVersion(), o.metadata().resourceVersion())) {
                upsert(o);
            }
        }
    }

    /** Sends every cached object to {@code onUpdate(o, o)}. */
    void resync() {
        for (T o : cache.list()) {
            each("resync", o, h -> h.onUpdate(o, o));
        }
    }

    private void each(String what, T object, java.util.function.Consumer<EventHandler<T>> call) {
        for (EventHandler<T> h : handlers) {
            call(what, object, () -> call.accept(h));
        }
    }

    private void call(String what, T object, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("{}: handler failed on {} of {}", name, what, ObjectCache.keyOf(object), e);
        }
    }
}
