package dev.keel.controllers.scheduler.loop;

/**
 * Receives an informer's events for one kind. The initial list arrives as adds. Objects are read-only (shared
 * with the informer's cache). Called from the informer's delivery thread, one event at a time.
 */
public interface ObjectHandler<T> {
    void onAdd(T obj);

    void onUpdate(T oldObj, T newObj);

    /** {@code lastKnown} is the last state the informer had (possibly stale after a missed watch event). */
    void onDelete(T lastKnown);
}
