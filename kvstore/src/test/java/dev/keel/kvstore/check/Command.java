package dev.keel.kvstore.check;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client asked the store to do, in the register-per-key model the checker understands.
 *
 * <p>Keys and values are strings so that reports stay readable; a harness talking to the real store converts its
 * bytes (for example as UTF-8). Every single-key command names one key; {@link Range} names a fixed set of keys.
 */
public sealed interface Command {

    /** Reads one key (an etcd Range with an empty range_end). */
    record Get(String key) implements Command {
        public Get {
            requireKey(key);
        }
    }

    /** Writes one key. */
    record Put(String key, String value) implements Command {
        public Put {
            requireKey(key);
            Objects.requireNonNull(value, "value");
        }
    }

    /** Deletes one key (an etcd DeleteRange with an empty range_end). */
    record Delete(String key) implements Command {
        public Delete {
            requireKey(key);
        }
    }

    /**
     * A compare-and-set transaction: if the key's value equals {@code expected} then put {@code newValue}.
     * An empty {@code expected} means "the key does not exist" (etcd: compare version == 0), because etcd's value
     * compare on a missing key is always false.
     */
    record Cas(String key, Optional<String> expected, String newValue) implements Command {
        public Cas {
            requireKey(key);
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(newValue, "newValue");
        }
    }

    /**
     * Reads a fixed set of keys in one request (for example a prefix Range, restricted by the harness to the keys
     * it uses). Keys are distinct and sorted.
     */
    record Range(List<String> keys) implements Command {
        public Range {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("a range names at least one key");
            }
            for (int i = 0; i < keys.size(); i++) {
                requireKey(keys.get(i));
                if (i > 0 && keys.get(i - 1).compareTo(keys.get(i)) >= 0) {
                    throw new IllegalArgumentException("range keys must be sorted and distinct: " + keys);
                }
            }
        }
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a key is a non-empty string, got " + key);
        }
    }
}
