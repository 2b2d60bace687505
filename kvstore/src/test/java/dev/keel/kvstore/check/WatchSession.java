package dev.keel.kvstore.check;

import java.util.List;
import java.util.Objects;

/**
 * One logical watcher that was broken and resumed: each stream after the first continues the one before it,
 * started from the revision after the last one that stream received (its last event or progress revision).
 */
public record WatchSession(String name, List<WatchStream> streams) {
    public WatchSession {
        Objects.requireNonNull(name, "name");
        streams = List.copyOf(streams);
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("a watch session has at least one stream");
        }
    }

    /** A watcher that was never resumed. */
    public static WatchSession of(WatchStream stream) {
        return new WatchSession(stream.name(), List.of(stream));
    }
}
