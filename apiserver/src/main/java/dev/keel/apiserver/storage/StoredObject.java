package dev.keel.apiserver.storage;

/**
 * One stored object as the store holds it: its key, its JSON bytes (without resourceVersion: that is the
 * {@code modRevision}), and its revisions.
 */
public record StoredObject(String key, byte[] value, long modRevision, long createRevision) {
}
