package dev.keel.api.informer;

import dev.keel.api.meta.KubeObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An informer's local copy of the objects, by key ({@code namespace/name}, or {@code name} when cluster-scoped),
 * with named secondary indexes. Readers on any thread get immutable objects and copied lists; only the informer
 * writes. Example: with the {@link Indexers#nodeName()} index, {@code byIndex("spec.nodeName", "n1")} lists the
 * pods bound to n1.
 */
public final class ObjectCache<T extends KubeObject> {
    /** Guards every field below; readers take the read lock. Nothing else is locked while it is held. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, T> items = new HashMap<>();
    private final Map<String, Indexer<T>> indexers = new HashMap<>();
    /** index name -> index value -> keys. */
    private final Map<String, Map<String, Set<String>>> indices = new HashMap<>();

    /** The key an object is cached under. */
    public static String keyOf(KubeObject o) {
        return o.metadata().key();
    }

    public Optional<T> get(String key) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(items.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    public Optional<T> get(String namespace, String name) {
        return get(namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    }

    public List<T> list() {
        lock.readLock().lock();
        try {
            return List.copyOf(items.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<String> keys() {
        lock.readLock().lock();
        try {
            return List.copyOf(items.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return items.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The objects whose {@code index} values include {@code value}; throws if there is no such index. */
    public List<T> byIndex(String index, String value) {
        lock.readLock().lock();
        try {
            Map<String, Set<String>> idx = indices.get(index);
            if (idx == null) {
                throw new IllegalArgumentException("no index named \"" + index + "\"; known: " + indices.keySet());
            }
            List<T> out = new ArrayList<>();
            for (String key : idx.getOrDefault(value, Set.of())) {
                out.add(items.get(key));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds an index, computed over the objects already cached; a second index of the same name is an error. */
    public void addIndexer(String name, Indexer<T> indexer) {
        lock.writeLock().lock();
        try {
            if (indexers.putIfAbsent(name, indexer) != null) {
                throw new IllegalArgumentException("an index named \"" + name + "\" exists already");
            }
            Map<String, Set<String>> idx = new HashMap<>();
            indices.put(name, idx);
            for (Map.Entry<String, T> e : items.entrySet()) {
                for (String v : indexer.values(e.getValue())) {
                    idx.computeIfAbsent(v, k -> new HashSet<>()).add(e.getKey());
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Stores {@code object}; returns the object it replaced. */
    T put(T object) {
        String key = keyOf(object);
        lock.writeLock().lock();
        try {
            T old = items.put(key, object);
            if (old != null) {
                unindexLocked(key, old);
            }
            indexLocked(key, object);
            return old;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the object under {@code key}; returns it. */
    T remove(String key) {
        lock.writeLock().lock();
        try {
            T old = items.remove(key);
            if (old != null) {
                unindexLocked(key, old);
            }
            return old;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void indexLocked(String key, T object) {
        for (Map.Entry<String, Indexer<T>> e : indexers.entrySet()) {
            Map<String, Set<String>> idx = indices.get(e.getKey());
            for (String v : e.getValue().values(object)) {
                idx.computeIfAbsent(v, k -> new HashSet<>()).add(key);
            }
        }
    }

    private void unindexLocked(String key, T object) {
        for (Map.Entry<String, Indexer<T>> e : indexers.entrySet()) {
            Map<String, Set<String>> idx = indices.get(e.getKey());
            for (String v : e.getValue().values(object)) {
                Set<String> keys = idx.get(v);
                if (keys != null) {
                    keys.remove(key);
                    if (keys.isEmpty()) {
                        idx.remove(v);
                    }
                }
            }
        }
    }
}
