package dev.keel.kvstore.check;

import java.util.Objects;

/** One broken watch guarantee: which, on which watch stream, and what was seen. */
public record WatchViolation(WatchGuarantee guarantee, String stream, String detail) {
    public WatchViolation {
        Objects.requireNonNull(guarantee, "guarantee");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return guarantee + " broken on " + stream + ": " + detail;
    }
}
