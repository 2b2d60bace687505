package dev.keel.apiserver.watch;

import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.Status;
import dev.keel.apiserver.status.Errors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The in-memory state of one resource (all namespaces) and a window of its recent events, fed by
 * {@link WatchCaches}. Lists and watches are served from here.
 *
 * <p>Revisions: {@code revision} is the store revision up to which every change of this resource has been applied
 * (it also moves on changes of other resources and progress notifications). The event window holds every event
 * with a revision in ({@code coveredFrom}, {@code revision}]; a watch may start from any resourceVersion in
 * [{@code coveredFrom}, ...), older ones get 410 Gone. Example: after a sync at 100 and events at 101..150 with a
 * window of 20 events, the window holds 131..150, coveredFrom is 130, and a watch from 129 is too old.
 */
public final class ResourceCache {
    private final ResourceType<?> type;
    private final int capacity;

    /** Guards every field below; a watcher's offer is called with it held (offers never block). */
    private final Object lock = new Object();
    private final KeyOrderedObjects objects = new KeyOrderedObjects();
    private final ArrayDeque<CacheEvent> window = new ArrayDeque<>();
    private final List<CacheWatcher> watchers = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private long revision;
    private long coveredFrom;
    private boolean ready;

    private record Waiter(long revision, CompletableFuture<Long> done) {
    }

    /** A consistent view: matching objects in key order, as of {@code revision}. */
    public record Snapshot(long revision, List<CachedObject> objects) {
    }

    ResourceCache(ResourceType<?> type, int capacity) {
        this.type = type;
        this.capacity = capacity;
    }

    public ResourceType<?> type() {
        return type;
    }

    /** Replaces the whole state after a (re)list at {@code rev}; current watchers get 410 and must re-watch. */
    void reset(long rev, List<CachedObject> state) {
        List<CacheWatcher> dropped;
        List<Waiter> reached;
        synchronized (lock) {
            objects.clear();
            state.forEach(objects::put);
            window.clear();
            dropped = new ArrayList<>(watchers);
            watchers.clear();
            boolean first = !ready;
            revision = rev;
            coveredFrom = rev;
            ready = true;
            if (first) {
                dropped.clear();
            }
            reached = reachedWaitersLocked();
        }
        complete(reached, rev);
        Status gone = Errors.gone("the watch cache was re-listed; watch again from a new list").status();
        dropped.forEach(w -> w.fail(gone));
    }

    /** Applies one change. */
    void apply(CacheEvent e) {
        synchronized (lock) {
            if (e.type() == CacheEvent.Type.DELETED) {
                objects.remove(e.object().key());
            } else {
                objects.put(e.object());
            }
            window.addLast(e);
            while (window.size() > capacity) {
                coveredFrom = window.removeFirst().revision();
            }
            revision = Math.max(revision, e.revision());
            for (CacheWatcher w : watchers) {
                w.offer(e);
            }
        }
    }

    /** Nothing changed for this resource up to {@code rev}. */
    void advance(long rev) {
        List<Waiter> reached;
        synchronized (lock) {
            if (rev <= revision) {
                return;
            }
            revision = rev;
            reached = reachedWaitersLocked();
        }
        complete(reached, rev);
    }

    Optional<CachedObject> current(String key) {
        synchronized (lock) {
            return Optional.ofNullable(objects.get(key));
        }
    }

    public boolean ready() {
        synchronized (lock) {
            return ready;
        }
    }

    public long revision() {
        synchronized (lock) {
            return revision;
        }
    }

    /** The matching objects now. */
    public Snapshot list(WatchFilter filter) {
        synchronized (lock) {
            List<CachedObject> out = new ArrayList<>();
            for (CachedObject o : objects) {
                if (filter.matches(o)) {
                    out.add(o);
                }
            }
            return new Snapshot(revision, out);
        }
    }

    /** Completes when the cache has reached {@code rev} (at once if it has); the caller bounds the wait. */
    public CompletableFuture<Long> awaitRevision(long rev) {
        synchronized (lock) {
            if (ready && revision >= rev) {
                return CompletableFuture.completedFuture(revision);
            }
            CompletableFuture<Long> f = new CompletableFuture<>();
            waiters.add(new Waiter(rev, f));
            return f;
        }
    }

    /**
     * Starts {@code watcher}: with {@code fromRevision} empty, the current state comes first as ADDED events;
     * otherwise every change after {@code fromRevision}. Then live changes, without gap or repetition.
     *
     * @throws dev.keel.apiserver.status.ApiException 410 Gone when {@code fromRevision} is older than the window
     */
    public void watch(CacheWatcher watcher, Optional<Long> fromRevision) {
        synchronized (lock) {
            if (fromRevision.isPresent()) {
                long from = fromRevision.get();
                if (from < coveredFrom) {
                    throw Errors.gone("too old resource version: " + from + " (" + coveredFrom + ")");
                }
                for (CacheEvent e : window) {
                    if (e.revision() > from) {
                        watcher.offer(e);
                    }
                }
            } else {
                objects.forEach(watcher::initial);
            }
            watchers.add(watcher);
        }
        watcher.onStop(() -> {
            synchronized (lock) {
                watchers.remove(watcher);
            }
        });
    }

    /** Sends a bookmark at the current revision to every watcher that asked for bookmarks. */
    void bookmark() {
        synchronized (lock) {
            for (CacheWatcher w : watchers) {
                w.bookmark(revision);
            }
        }
    }

    /** Ends every watch (server shutdown). */
    void endAll() {
        List<CacheWatcher> all;
        synchronized (lock) {
            all = new ArrayList<>(watchers);
            watchers.clear();
            waiters.forEach(w -> w.done().cancel(false));
            waiters.clear();
        }
        all.forEach(CacheWatcher::end);
    }

    public int watcherCount() {
        synchronized (lock) {
            return watchers.size();
        }
    }

    /** Removes the waiters that {@code revision} satisfies; the caller completes them after releasing the lock. */
    private List<Waiter> reachedWaitersLocked() {
        List<Waiter> reached = new ArrayList<>();
        Iterator<Waiter> it = waiters.iterator();
        while (it.hasNext()) {
            Waiter w = it.next();
            if (w.revision() <= revision) {
                it.remove();
                reached.add(w);
            }
        }
        return reached;
    }

    private static void complete(List<Waiter> reached, long rev) {
        reached.forEach(w -> w.done().complete(rev));
    }
}
