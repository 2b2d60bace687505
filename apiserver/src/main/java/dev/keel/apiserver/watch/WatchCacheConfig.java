package dev.keel.apiserver.watch;

import java.time.Duration;

/**
 * Tuning of the watch caches.
 *
 * @param windowEvents     recent events kept per resource for watches that resume (default 10,000); older
 *                         resourceVersions get 410 Gone
 * @param bookmarkInterval how often watchers that allow bookmarks get one (default 60 s)
 * @param maxQueuedEvents  events queued for one slow watcher before its watch is ended (default 10,000)
 * @param maxPendingBytes  unsent bytes on one watch connection before it is ended (default 16 MiB)
 * @param listPageSize     keys per store read when (re)filling the caches (default 5,000)
 * @param resyncDelay      pause before re-listing after the store watch failed (default 1 s)
 */
public record WatchCacheConfig(int windowEvents, Duration bookmarkInterval, int maxQueuedEvents, long maxPendingBytes,
                               int listPageSize, Duration resyncDelay) {
    public WatchCacheConfig {
        if (windowEvents < 1 || maxQueuedEvents < 1 || listPageSize < 1 || maxPendingBytes < 1) {
            throw new IllegalArgumentException("watch cache sizes must be positive");
        }
        if (bookmarkInterval.isNegative() || bookmarkInterval.isZero() || resyncDelay.isNegative()) {
            throw new IllegalArgumentException("bookmarkInterval must be > 0 and resyncDelay >= 0");
        }
    }

    public static WatchCacheConfig defaults() {
        return new WatchCacheConfig(10_000, Duration.ofSeconds(60), 10_000, 16L << 20, 5_000, Duration.ofSeconds(1));
    }

    public WatchCacheConfig withWindowEvents(int events) {
        return new WatchCacheConfig(events, bookmarkInterval, maxQueuedEvents, maxPendingBytes, listPageSize,
                resyncDelay);
    }

    public WatchCacheConfig withBookmarkInterval(Duration interval) {
        return new WatchCacheConfig(windowEvents, interval, maxQueuedEvents, maxPendingBytes, listPageSize,
                resyncDelay);
    }
}
