package dev.keel.kvstore.check;

import java.util.Objects;

/**
 * The state of one key in the register model: absent, present with a value, or {@link Any} (not known: the
 * starting state of a history window cut out of a longer history, which accepts whatever is observed first).
 */
sealed interface RegisterState {

    /** The key does not exist. */
    record Absent() implements RegisterState {
        @Override
        public String toString() {
            return "absent";
        }
    }

    /**
     * The key holds {@code value}, written at {@code modRevision} (0 when not known, e.g. after a write whose
     * outcome was unknown; the first read that reports a mod revision fixes it).
     */
    record Present(String value, long modRevision) implements RegisterState {
        public Present {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return modRevision == 0 ? '"' + value + '"' : '"' + value + "\"@" + modRevision;
        }
    }

    /** Nothing is known about the key yet. */
    record Any() implements RegisterState {
        @Override
        public String toString() {
            return "any";
        }
    }

    RegisterState ABSENT = new Absent();
    RegisterState ANY = new Any();
}
