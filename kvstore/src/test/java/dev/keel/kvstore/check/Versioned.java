package dev.keel.kvstore.check;

import java.util.Objects;

/**
 * A value as a read returned it, with the key's mod revision (the revision of the write that produced it).
 *
 * @param value the value read
 * @param modRevision the key's mod revision, or 0 when the harness did not record it
 */
public record Versioned(String value, long modRevision) {
    public Versioned {
        Objects.requireNonNull(value, "value");
        if (modRevision < 0) {
            throw new IllegalArgumentException("mod revision must be >= 0, got " + modRevision);
        }
    }

    /** A value whose mod revision was not recorded. */
    public static Versioned of(String value) {
        return new Versioned(value, 0);
    }

    @Override
    public String toString() {
        return modRevision == 0 ? '"' + value + '"' : '"' + value + "\"@" + modRevision;
    }
}
