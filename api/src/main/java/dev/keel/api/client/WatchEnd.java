package dev.keel.api.client;

import java.util.Objects;

/** How a watch stream ended. */
public sealed interface WatchEnd permits WatchEnd.Finished, WatchEnd.Cancelled, WatchEnd.Failed {

    /** The server ended the stream cleanly (its {@code timeoutSeconds} passed, or after an ERROR event). */
    record Finished() implements WatchEnd {
    }

    /** {@link Watch#cancel()} was called (or the client was closed). */
    record Cancelled() implements WatchEnd {
    }

    /**
     * The watch could not be opened (an error response: e.g. {@link GoneException} for a compacted
     * resourceVersion, {@link UnauthorizedException}), the connection broke ({@link TransientException}), the
     * client-side deadline passed ({@link TransientException} with reason {@code Timeout}), or a line was not a
     * watch event ({@link MalformedResponseException}).
     */
    record Failed(ApiException cause) implements WatchEnd {
        public Failed {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
