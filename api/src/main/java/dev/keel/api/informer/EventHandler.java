package dev.keel.api.informer;

import dev.keel.api.meta.KubeObject;

/**
 * Reacts to changes of an informer's cache. Calls for one informer never overlap and follow the order of the
 * changes; the cache already holds the new state when a call runs. Objects are shared and immutable: derive a
 * new one to change it. Keep calls short (enqueue a key): they delay every later event of the informer.
 *
 * <p>An {@link #onUpdate} with {@code old == now} (same resourceVersion) is a periodic resync. An
 * {@link #onDelete} after a relist carries the last state the cache knew (the final state was not observed).
 */
public interface EventHandler<T extends KubeObject> {
    default void onAdd(T object) {
    }

    default void onUpdate(T old, T now) {
    }

    default void onDelete(T lastKnown) {
    }
}
