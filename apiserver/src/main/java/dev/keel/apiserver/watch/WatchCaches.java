package dev.keel.apiserver.watch;

import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;
import dev.keel.apiserver.registry.ObjectCache;
import dev.keel.apiserver.storage.ObjectStore;
import dev.keel.apiserver.storage.Page;
import dev.keel.apiserver.storage.RegistryKeys;
import dev.keel.apiserver.storage.StoredObject;
import dev.keel.kvstore.client.KvClient;
import dev.keel.kvstore.client.KvWatch;
import dev.keel.kvstore.client.KvWatchListener;
import dev.keel.kvstore.client.WatchOptions;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The watch caches of every resource, fed by one store watch on {@code /registry/}: a paged list at revision R fills
 * the caches, then the watch from R+1 applies each change to its resource's cache and moves every cache to the
 * event's revision. When the store watch fails or its start was compacted, the caches are re-listed after
 * {@link WatchCacheConfig#resyncDelay()} and their watchers get 410.
 *
 * <p>Store watch callbacks are serialized by the client, so caches see changes in revision order.
 */
public final class WatchCaches implements ObjectCache, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchCaches.class);

    private final KvClient client;
    private final ObjectStore store;
    private final ObjectDecoder decoder;
    private final WatchCacheConfig config;
    private final Map<String, ResourceCache> byResource = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler;
    /** Completes at the first successful fill; re-fills after failures do not touch it. */
    private final CompletableFuture<Void> firstSync = new CompletableFuture<>();

    /** Guards {@link #watch}, {@link #generation}, {@link #closed}. */
    private final Object lock = new Object();
    private KvWatch watch;
    private long generation;
    private boolean closed;

    public WatchCaches(KvClient client, ObjectStore store, ObjectDecoder decoder, WatchCacheConfig config) {
        this.client = client;
        this.store = store;
        this.decoder = decoder;
        this.config = config;
        for (ResourceType<?> t : Kinds.RESOURCES) {
            byResource.put(t.plural(), new ResourceCache(t, config.windowEvents()));
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keel-watch-cache");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts filling the caches; the future completes when they are first in sync (failed fills are retried every
     * {@link WatchCacheConfig#resyncDelay()}, so the caller bounds its wait).
     */
    public CompletableFuture<Void> start() {
        long interval = config.bookmarkInterval().toMillis();
        scheduler.scheduleAtFixedRate(() -> byResource.values().forEach(ResourceCache::bookmark), interval, interval,
                TimeUnit.MILLISECONDS);
        sync();
        return firstSync;
    }

    public ResourceCache cache(ResourceType<?> type) {
        ResourceCache c = byResource.get(type.plural());
        if (c == null) {
            throw new IllegalArgumentException("no watch cache for " + type.plural());
        }
        return c;
    }

    /** The cached copy of a stored object, for writes that start from it ({@link ObjectCache}). */
    @Override
    public Optional<Copy> copy(ResourceType<?> type, String key) {
        return cache(type).current(key).map(o -> new Copy(decoder.tree(o), o.revision()));
    }

    @Override
    public Optional<Map<String, String>> fields(ResourceType<?> type, String key) {
        return cache(type).current(key).map(CachedObject::fields);
    }

    public boolean ready() {
        return byResource.values().stream().allMatch(ResourceCache::ready);
    }

    /** Ends a watcher after {@code seconds}. */
    public void endAfter(CacheWatcher watcher, long seconds) {
        var f = scheduler.schedule(watcher::end, seconds, TimeUnit.SECONDS);
        watcher.onStop(() -> f.cancel(false));
    }

    /** Waits at most {@code millis} for {@code future}, then completes it exceptionally with a timeout. */
    public <T> CompletableFuture<T> bounded(CompletableFuture<T> future, long millis) {
        return future.orTimeout(millis, TimeUnit.MILLISECONDS);
    }

    public int watcherCount() {
        return byResource.values().stream().mapToInt(ResourceCache::watcherCount).sum();
    }

    private CompletableFuture<Void> sync() {
        long gen;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.completedFuture(null);
            }
            gen = ++generation;
            if (watch != null) {
                watch.close();
                watch = null;
            }
        }
        Map<String, List<CachedObject>> state = new HashMap<>();
        byResource.keySet().forEach(r -> state.put(r, new ArrayList<>()));
        return readAll("", 0, state).thenAccept(rev -> {
            byResource.forEach((r, cache) -> cache.reset(rev, state.get(r)));
            LOG.info("watch caches in sync at revision {}", rev);
            startWatch(gen, rev);
            firstSync.complete(null);
        }).exceptionally(e -> {
            LOG.warn("filling the watch caches failed: {}; retrying", e.toString());
            resyncLater(gen);
            return null;
        });
    }

    private CompletableFuture<Long> readAll(String fromKey, long rev, Map<String, List<CachedObject>> state) {
        return store.list(RegistryKeys.ROOT, fromKey, config.listPageSize(), rev).thenCompose((Page page) -> {
            // every page reads at the first page's revision; etcd's header shows the current one, not the read one
            long at = rev > 0 ? rev : page.revision();
            for (StoredObject o : page.objects()) {
                ResourceCache cache = byResource.get(RegistryKeys.resourceOf(o.key()));
                if (cache != null) {
                    state.get(cache.type().plural())
                            .add(decoder.decode(cache.type(), o.key(), o.value(), o.modRevision()));
                }
            }
            if (!page.more() || page.objects().isEmpty()) {
                return CompletableFuture.completedFuture(at);
            }
            String last = page.objects().get(page.objects().size() - 1).key();
            return readAll(last + "\0", at, state);
        });
    }

    private void startWatch(long gen, long rev) {
        WatchOptions options = WatchOptions.prefix(com.google.protobuf.ByteString.copyFrom(RegistryKeys.ROOT,
                StandardCharsets.UTF_8)).withStartRevision(rev + 1);
        synchronized (lock) {
            if (closed || gen != generation) {
                return;
            }
            watch = client.watch(options, new Listener(gen));
        }
    }

    private void resyncLater(long gen) {
        synchronized (lock) {
            if (closed || gen != generation) {
                return;
            }
        }
        try {
            scheduler.schedule(this::sync, config.resyncDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private final class Listener implements KvWatchListener {
        private final long gen;

        Listener(long gen) {
            this.gen = gen;
        }

        @Override
        public void onEvents(long revision, List<Event> events) {
            for (Event e : events) {
                apply(e);
            }
            byResource.values().forEach(c -> c.advance(revision));
        }

        @Override
        public void onProgress(long revision) {
            byResource.values().forEach(c -> c.advance(revision));
        }

        @Override
        public void onCompacted(long compactRevision) {
            LOG.warn("the store compacted the watch cache's next revision ({}); re-listing", compactRevision);
            resyncLater(gen);
        }

        @Override
        public void onError(Throwable error) {
            LOG.warn("the watch cache's store watch failed: {}; re-listing", error.toString());
            resyncLater(gen);
        }
    }

    private void apply(Event e) {
        KeyValue kv = e.getKv();
        String key = kv.getKey().toStringUtf8();
        ResourceCache cache = byResource.get(RegistryKeys.resourceOf(key));
        if (cache == null) {
            return;
        }
        Optional<CachedObject> previous = cache.current(key);
        long rev = kv.getModRevision();
        try {
            if (e.getType() == Event.EventType.DELETE) {
                previous.ifPresent(p -> cache.apply(new CacheEvent(CacheEvent.Type.DELETED,
                        decoder.restamp(cache.type(), p, rev), previous, rev)));
            } else {
                CachedObject o = decoder.decode(cache.type(), key, kv.getValue().toByteArray(), rev);
                cache.apply(new CacheEvent(previous.isEmpty() ? CacheEvent.Type.ADDED : CacheEvent.Type.MODIFIED, o,
                        previous, rev));
            }
        } catch (IllegalStateException bad) {
            LOG.warn("skipping undecodable object {} at revision {}: {}", key, rev, bad.getMessage());
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (watch != null) {
                watch.close();
            }
        }
        scheduler.shutdownNow();
        byResource.values().forEach(ResourceCache::endAll);
    }
}
