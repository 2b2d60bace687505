package dev.keel.api.client;

import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.WatchEvent;

/**
 * Receives one watch stream's events. Calls for one stream never overlap and come in stream order, on the
 * client's I/O threads: keep them short (hand the event to a queue). An ERROR event arrives as a
 * {@link WatchEvent.Failure} (e.g. 410 Expired), usually followed by {@link WatchEnd.Finished}.
 *
 * <p>{@link #onClose} is called exactly once. After a concurrent {@link Watch#cancel()} it may overlap the last
 * {@link #onEvent} still running; no event starts after it.
 */
public interface WatchListener<T extends KubeObject> {
    void onEvent(WatchEvent<T> event);

    void onClose(WatchEnd end);
}
