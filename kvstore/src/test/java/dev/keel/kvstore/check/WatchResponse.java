package dev.keel.kvstore.check;

import java.util.List;

/** One response a watch received, in the order received. The "created" reply is not recorded. */
public sealed interface WatchResponse {

    /**
     * Events. With {@code fragment} true, this is a piece of a larger response continued by the next one (only
     * for watches created with fragment=true).
     */
    record Events(long headerRevision, List<WatchEvent> events, boolean fragment) implements WatchResponse {
        public Events {
            events = List.copyOf(events);
            if (events.isEmpty()) {
                throw new IllegalArgumentException("an events response carries at least one event");
            }
        }

        public static Events of(WatchEvent... events) {
            long header = 0;
            for (WatchEvent e : events) {
                header = Math.max(header, e.revision());
            }
            return new Events(header, List.of(events), false);
        }
    }

    /**
     * A progress notification (periodic, or the answer to a progress request): the server promises that every
     * event of the watch up to {@code headerRevision} has been sent already.
     */
    record Progress(long headerRevision) implements WatchResponse {
    }

    /** The watch was cancelled because the revision it needed next is below {@code compactRevision}. */
    record Compacted(long compactRevision) implements WatchResponse {
    }
}
