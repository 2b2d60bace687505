package dev.keel.api.client;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The client's open watches, so that closing the client cancels them. Thread-safe. */
final class WatchRegistry {
    private final Set<Watch> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    Watch open(Supplier<Watch> opener) {
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
        Watch w = opener.get();
        open.add(w);
        w.ended().whenComplete((end, e) -> open.remove(w));
        if (closed) {
            w.cancel();
        }
        return w;
    }

    int size() {
        return open.size();
    }

    void close() {
        closed = true;
        for (Watch w : new ArrayList<>(open)) {
            w.cancel();
        }
    }
}
