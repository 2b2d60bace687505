package dev.keel.apiserver.rest;

import dev.keel.api.codec.KubeCodec;
import dev.keel.apiserver.http.ApiRequest;
import dev.keel.apiserver.http.ApiResponse;
import dev.keel.apiserver.status.ApiException;
import dev.keel.apiserver.status.Errors;
import dev.keel.apiserver.table.TableWriter;
import dev.keel.apiserver.watch.CacheWatcher;
import dev.keel.apiserver.watch.ObjectDecoder;
import dev.keel.apiserver.watch.ResourceCache;
import dev.keel.apiserver.watch.WatchCacheConfig;
import dev.keel.apiserver.watch.WatchCaches;

import java.util.Optional;

/**
 * Serves {@code watch=true} from the watch cache as a chunked stream of JSON lines. Without a resourceVersion (or
 * with 0) the current state comes first as ADDED events; with one, every change after it. A resourceVersion older
 * than the cache's window gets an ERROR event with a 410 Expired Status, and the stream ends.
 */
final class Watches {
    private final WatchCaches caches;
    private final ObjectDecoder decoder;
    private final KubeCodec codec;
    private final TableWriter tables;
    private final WatchCacheConfig cacheConfig;
    private final ServingOptions options;

    Watches(WatchCaches caches, ObjectDecoder decoder, KubeCodec codec, TableWriter tables,
            WatchCacheConfig cacheConfig, ServingOptions options) {
        this.caches = caches;
        this.decoder = decoder;
        this.codec = codec;
        this.tables = tables;
        this.cacheConfig = cacheConfig;
        this.options = options;
    }

    ApiResponse watch(ApiRequest r, ResourcePath p, ListRequest q) {
        ResourceCache cache = caches.cache(p.type());
        if (!cache.ready()) {
            throw Errors.unavailable("the watch cache of " + p.type().plural() + " is not ready yet; retry");
        }
        boolean table = Replies.wantsTable(r);
        Optional<Long> from = q.revision().filter(v -> v > 0);
        long timeout = q.timeoutSeconds().filter(s -> s > 0).orElse(options.watchTimeout().toSeconds());
        String contentType = table ? TableWriter.CONTENT_TYPE : "application/json";
        return new ApiResponse.Streamed(contentType, sink -> {
            CacheWatcher watcher = new CacheWatcher(q.filter(), new JsonWatchEncoder(p.type(), codec, tables, table),
                    sink, q.bookmarks(), cacheConfig.maxQueuedEvents(), cacheConfig.maxPendingBytes(),
                    o -> decoder.restamp(p.type(), o, cache.revision()));
            try {
                cache.watch(watcher, from);
                caches.endAfter(watcher, timeout);
            } catch (ApiException e) {
                watcher.fail(e.status());
            }
        });
    }
}
