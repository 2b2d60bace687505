package dev.keel.apiserver.watch;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * The objects of one resource by key, for a watch cache: looked up and replaced by hash, listed in key order. Most
 * changes replace an object under a key that is already there (status updates, bindings), and those leave the
 * sorted key set alone; only new and deleted keys pay for its comparisons, which on keys such as
 * {@code /registry/pods/<namespace>/<name>} walk a long common prefix each. Not thread-safe: the cache's lock
 * guards it.
 */
final class KeyOrderedObjects implements Iterable<CachedObject> {
    private final Map<String, CachedObject> byKey = new HashMap<>();
    private final TreeSet<String> keys = new TreeSet<>();

    CachedObject get(String key) {
        return byKey.get(key);
    }

    void put(CachedObject o) {
        if (byKey.put(o.key(), o) == null) {
            keys.add(o.key());
        }
    }

    void remove(String key) {
        if (byKey.remove(key) != null) {
            keys.remove(key);
        }
    }

    void clear() {
        byKey.clear();
        keys.clear();
    }

    /** The objects in key order. */
    @Override
    public Iterator<CachedObject> iterator() {
        Iterator<String> k = keys.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return k.hasNext();
            }

            @Override
            public CachedObject next() {
                return byKey.get(k.next());
            }
        };
    }
}
