package dev.keel.controllers.gc;

/** What the collector knows about one owner reference of a dependent. */
enum OwnerState {
    /** The owner (same uid) exists and is not being deleted in the foreground. */
    PRESENT,
    /** The owner exists, being deleted with the foregroundDeletion finalizer: it waits for its dependents. */
    WAITING,
    /** No object with the reference's uid exists: the reference dangles. */
    ABSENT,
    /** The reference names a kind Keel does not serve: left alone, never a reason to delete. */
    UNRESOLVABLE
}
