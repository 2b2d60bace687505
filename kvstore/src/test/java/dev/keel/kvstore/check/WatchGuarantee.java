package dev.keel.kvstore.check;

/**
 * etcd's watch guarantees (etcd docs, "API guarantees", Watch APIs), plus {@link #VALID} for events that should
 * not be there at all.
 */
public enum WatchGuarantee {
    /** Events are ordered by revision; within a revision, in execution order. */
    ORDERED,
    /** No event is delivered twice. */
    UNIQUE,
    /** No committed event in the watched range is skipped between the start and the last delivered revision. */
    RELIABLE,
    /** All events of one revision arrive together in one response. */
    ATOMIC,
    /** A watch resumed from the last received revision + 1 continues without loss or repetition. */
    RESUMABLE,
    /** A progress notification at revision R means every event up to R has been delivered, and none will follow. */
    BOOKMARKABLE,
    /** Every delivered event was committed, is in the watched range and at or after the start revision. */
    VALID
}
