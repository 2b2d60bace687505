package dev.keel.api.meta;

import java.util.Objects;

/**
 * One event of a watch stream, written as {@code {"type":"ADDED","object":{...}}}. A change carries an object of
 * the watched kind (for BOOKMARK only its resourceVersion matters); a failure carries a {@link Status}, e.g. 410
 * Expired when the start resourceVersion has been compacted.
 */
public sealed interface WatchEvent<T extends KubeObject> permits WatchEvent.Change, WatchEvent.Failure {

    /** The wire {@code type}. */
    String type();

    /** ADDED, MODIFIED, DELETED or BOOKMARK with the object. */
    record Change<T extends KubeObject>(Type changeType, T object) implements WatchEvent<T> {
        public Change {
            Objects.requireNonNull(changeType, "changeType");
            Objects.requireNonNull(object, "object");
        }

        @Override
        public String type() {
            return changeType.name();
        }
    }

    /** ERROR with a Status. */
    record Failure<T extends KubeObject>(Status status) implements WatchEvent<T> {
        public Failure {
            Objects.requireNonNull(status, "status");
        }

        @Override
        public String type() {
            return "ERROR";
        }
    }

    /** The change types. */
    enum Type { ADDED, MODIFIED, DELETED, BOOKMARK }
}
