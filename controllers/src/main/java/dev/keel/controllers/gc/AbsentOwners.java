package dev.keel.controllers.gc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Owner uids confirmed absent by the apiserver, remembered (least recently used out) so that the hundred dependents
 * of a deleted owner cost one lookup, not a hundred. A uid never comes back, so a remembered one is never wrong.
 * Thread-safe.
 */
final class AbsentOwners {
    private final Map<String, Boolean> uids;

    AbsentOwners(int capacity) {
        this.uids = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean contains(String uid) {
        return uids.containsKey(uid);
    }

    synchronized void add(String uid) {
        uids.put(uid, Boolean.TRUE);
    }
}
