package dev.keel.apiserver.watch;

import java.util.Optional;

/**
 * One change of one object at store {@code revision}. For DELETED, {@code object} is the last state stamped with the
 * deletion's revision. {@code previous} is the state before the change, when there was one.
 */
public record CacheEvent(Type type, CachedObject object, Optional<CachedObject> previous, long revision) {
    /** The watch event types of changes. */
    public enum Type { ADDED, MODIFIED, DELETED }
}
