package dev.keel.apiserver.storage;

import java.util.Optional;

/** The outcome of a conditional write. */
public sealed interface WriteResult permits WriteResult.Written, WriteResult.Rejected, WriteResult.ClaimTaken {

    /** The write happened at {@code revision} (for a delete, with the deleted object). */
    record Written(long revision, Optional<StoredObject> previous) implements WriteResult {
    }

    /**
     * The condition failed: for a create the key exists; for an update or delete the mod revision differs.
     * {@code current} is what the key holds now (empty when it does not exist).
     */
    record Rejected(Optional<StoredObject> current) implements WriteResult {
    }

    /** The object's condition held but {@code key}, one of the {@link SideKeys#claims()}, exists already. */
    record ClaimTaken(String key) implements WriteResult {
    }
}
