package dev.keel.kvstore.check;

import java.util.Objects;

/**
 * The keys a watch covers, with etcd's range_end rules: an empty {@code rangeEnd} means only {@code key};
 * {@code "\0"} means every key {@code >= key}; anything else is the half-open interval [key, rangeEnd).
 * Strings compare by UTF-16 code unit, which equals etcd's byte order for ASCII keys.
 */
public record KeyRange(String key, String rangeEnd) {
    public KeyRange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rangeEnd, "rangeEnd");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a watched key is non-empty");
        }
    }

    public static KeyRange single(String key) {
        return new KeyRange(key, "");
    }

    /** Every key that starts with {@code prefix} (range_end = prefix with its last character plus one). */
    public static KeyRange prefix(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return new KeyRange(prefix, prefix.substring(0, prefix.length() - 1) + (char) (last + 1));
    }

    /** Every key from {@code "\0"} on. */
    public static KeyRange all() {
        return new KeyRange("\0", "\0");
    }

    public boolean contains(String k) {
        if (rangeEnd.isEmpty()) {
            return key.equals(k);
        }
        if (rangeEnd.equals("\0")) {
            return k.compareTo(key) >= 0;
        }
        return k.compareTo(key) >= 0 && k.compareTo(rangeEnd) < 0;
    }

    @Override
    public String toString() {
        if (rangeEnd.isEmpty()) {
            return key;
        }
        return "[" + key.replace("\0", "\\0") + ", " + rangeEnd.replace("\0", "\\0") + ")";
    }
}
