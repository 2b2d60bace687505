package dev.keel.kvstore.check;

import java.util.Objects;

/**
 * One committed change as a watch reports it (mvccpb.Event, without prev_kv). A DELETE event's value is "".
 *
 * @param revision the revision of the write that made the change (the event kv's mod_revision), {@code >= 2}
 * @param type PUT or DELETE
 * @param key the key changed
 * @param value the value written ("" for a delete)
 */
public record WatchEvent(long revision, Type type, String key, String value) {

    /** The kind of change. */
    public enum Type { PUT, DELETE }

    public WatchEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (revision < 2) {
            throw new IllegalArgumentException("the first write of a store is at revision 2, got " + revision);
        }
        if (type == Type.DELETE && !value.isEmpty()) {
            throw new IllegalArgumentException("a delete event carries no value, got " + value);
        }
    }

    public static WatchEvent put(long revision, String key, String value) {
        return new WatchEvent(revision, Type.PUT, key, value);
    }

    public static WatchEvent delete(long revision, String key) {
        return new WatchEvent(revision, Type.DELETE, key, "");
    }

    @Override
    public String toString() {
        return type == Type.PUT ? "PUT " + key + "=\"" + value + "\"@" + revision : "DELETE " + key + "@" + revision;
    }
}
