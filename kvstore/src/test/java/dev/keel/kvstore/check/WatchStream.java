package dev.keel.kvstore.check;

import java.util.List;
import java.util.Objects;

/**
 * Everything one watch (one watch id) received.
 *
 * @param name a label for reports
 * @param range the watched keys
 * @param startRevision the create request's start_revision, {@code >= 1}; for a watch created with 0 ("now"),
 *     record the created reply's header revision + 1
 * @param responses the responses received, in order
 */
public record WatchStream(String name, KeyRange range, long startRevision, List<WatchResponse> responses) {
    public WatchStream {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(range, "range");
        responses = List.copyOf(responses);
        if (startRevision < 1) {
            throw new IllegalArgumentException("start revision must be >= 1, got " + startRevision);
        }
    }
}
