package dev.keel.apiserver.rest;

import dev.keel.api.kinds.ResourceType;
import dev.keel.apiserver.http.ApiRequest;
import dev.keel.apiserver.http.ApiResponse;
import dev.keel.apiserver.status.Errors;
import dev.keel.apiserver.storage.ObjectStore;
import dev.keel.apiserver.storage.Page;
import dev.keel.apiserver.storage.RegistryKeys;
import dev.keel.apiserver.storage.StoredObject;
import dev.keel.apiserver.watch.CachedObject;
import dev.keel.apiserver.watch.ObjectDecoder;
import dev.keel.apiserver.watch.ResourceCache;
import dev.keel.apiserver.watch.WatchCaches;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Serves lists. Unpaged lists come from the watch cache: {@code resourceVersion=0} at once, otherwise once the cache
 * has caught up with the store's current revision (or the revision asked for), falling back to the store when the
 * cache lags more than {@link ServingOptions#cacheWait()}. Paged lists ({@code limit}, {@code continue}) read the
 * store, every page at the first page's revision, so the pages form one snapshot; a compacted snapshot is 410.
 */
final class Lister {
    private final ObjectStore store;
    private final WatchCaches caches;
    private final ObjectDecoder decoder;
    private final Replies replies;
    private final ServingOptions options;

    Lister(ObjectStore store, WatchCaches caches, ObjectDecoder decoder, Replies replies, ServingOptions options) {
        this.store = store;
        this.caches = caches;
        this.decoder = decoder;
        this.replies = replies;
        this.options = options;
    }

    CompletableFuture<ApiResponse> list(ApiRequest r, ResourcePath p, ListRequest q) {
        if (q.continueToken().isPresent()) {
            ContinueToken token = ContinueToken.decode(q.continueToken().get());
            return page(r, p, q, token.startKey(), token.revision());
        }
        boolean anyVersion = q.revision().map(v -> v == 0).orElse(false);
        if (q.limit() > 0 && !anyVersion) {
            return page(r, p, q, "", q.revision().orElse(0L));
        }
        ResourceCache cache = caches.cache(p.type());
        if (anyVersion && cache.ready()) {
            return CompletableFuture.completedFuture(fromCache(r, p, q, cache));
        }
        CompletableFuture<Long> target = q.revision().isPresent() && !anyVersion
                ? CompletableFuture.completedFuture(q.revision().get()) : store.revision();
        return target.thenCompose(rev -> cache.awaitRevision(rev)
                .orTimeout(options.cacheWait().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .thenApply(v -> fromCache(r, p, q, cache))
                .exceptionallyCompose(e -> {
                    if (!(Errors.unwrap(e) instanceof TimeoutException)) {
                        return CompletableFuture.failedFuture(e);
                    }
                    return page(r, p, q, "", 0);
                }));
    }

    /** The objects matching {@code q}'s selectors now, read from the store (for deletecollection). */
    CompletableFuture<List<CachedObject>> matching(ResourcePath p, ListRequest q) {
        List<CachedObject> matched = new ArrayList<>();
        ListRequest all = new ListRequest(q.filter(), 0, Optional.empty(), Optional.empty(), Optional.empty(), false);
        return collect(p.type(), RegistryKeys.prefix(p.type(), p.namespace()), "", 0, all, matched)
                .thenApply(done -> matched);
    }

    private ApiResponse fromCache(ApiRequest r, ResourcePath p, ListRequest q, ResourceCache cache) {
        ResourceCache.Snapshot s = cache.list(q.filter());
        List<byte[]> json = new ArrayList<>(s.objects().size());
        for (CachedObject o : s.objects()) {
            json.add(o.json());
        }
        return replies.list(r, p.type(), json, s.revision(), null);
    }

    /** A page from the store at {@code revision} (0 = latest), starting at {@code fromKey} ("" = the beginning). */
    private CompletableFuture<ApiResponse> page(ApiRequest r, ResourcePath p, ListRequest q, String fromKey,
                                                long revision) {
        List<CachedObject> matched = new ArrayList<>();
        String prefix = RegistryKeys.prefix(p.type(), p.namespace());
        return collect(p.type(), prefix, fromKey, revision, q, matched).thenApply(next -> {
            List<byte[]> json = matched.stream().map(CachedObject::json).toList();
            String token = next.nextKey().map(k -> new ContinueToken(next.revision(), k).encode()).orElse(null);
            return replies.list(r, p.type(), json, next.revision(), token);
        }).exceptionally(e -> {
            if (Errors.unwrap(e) instanceof KvException kv && kv.error() == KvError.COMPACTED) {
                throw Errors.gone("The provided continue parameter is too old to display a consistent list result. "
                        + "You can start a new list without the continue parameter.");
            }
            throw e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
        });
    }

    private record Progress(long revision, Optional<String> nextKey) {
    }

    /** Reads pages until {@code limit} objects matched (0 = all) or the range ends. */
    private CompletableFuture<Progress> collect(ResourceType<?> type, String prefix, String fromKey, long revision,
                                                ListRequest q, List<CachedObject> matched) {
        int want = q.limit() == 0 ? 0 : q.limit() - matched.size();
        return store.list(prefix, fromKey, want, revision).thenCompose((Page page) -> {
            // etcd's header carries the current revision even for a read at an older one: the snapshot is `revision`
            long at = revision > 0 ? revision : page.revision();
            String lastKey = null;
            for (StoredObject o : page.objects()) {
                lastKey = o.key();
                CachedObject c = decoder.decode(type, o.key(), o.value(), o.modRevision());
                if (q.filter().matches(c)) {
                    matched.add(c);
                    if (q.limit() > 0 && matched.size() == q.limit()) {
                        break;
                    }
                }
            }
            boolean more = page.more() || (lastKey != null && !lastKey.equals(
                    page.objects().get(page.objects().size() - 1).key()));
            if (!more || lastKey == null) {
                return CompletableFuture.completedFuture(new Progress(at, Optional.empty()));
            }
            String next = lastKey + "\0";
            if (q.limit() > 0 && matched.size() >= q.limit()) {
                return CompletableFuture.completedFuture(new Progress(at, Optional.of(next)));
            }
            return collect(type, prefix, next, at, q, matched);
        });
    }
}
