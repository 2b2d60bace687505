package dev.keel.kvstore.check;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a request ended, as its client saw it.
 *
 * <p>Completed outcomes carry the response header's revision ({@code revision}), or 0 when the harness did not
 * record it. In etcd a write that changed the store returns the new revision (each write bumps it by exactly one);
 * a read, a failed compare-and-set and a delete that matched nothing return the store revision they were served
 * at.
 *
 * <p>{@link Failed} means the request definitely did not take effect (for example the server rejected it before
 * proposing it). {@link Unknown} means the client cannot tell (timeout, connection lost, leader change): the
 * operation may take effect at any time after its invocation, or never.
 */
public sealed interface Outcome {

    /** The answer to a {@link Command.Get}: the value, or empty when the key is absent. */
    record ReadOk(Optional<Versioned> value, long revision) implements Outcome {
        public ReadOk {
            Objects.requireNonNull(value, "value");
            requireRevision(revision);
        }
    }

    /** The answer to a {@link Command.Put}: the revision it created. */
    record PutOk(long revision) implements Outcome {
        public PutOk {
            requireRevision(revision);
        }
    }

    /** The answer to a {@link Command.Delete}: how many keys it deleted (0 or 1). */
    record DeleteOk(long deleted, long revision) implements Outcome {
        public DeleteOk {
            if (deleted != 0 && deleted != 1) {
                throw new IllegalArgumentException("a single-key delete deletes 0 or 1 keys, got " + deleted);
            }
            requireRevision(revision);
        }
    }

    /** The answer to a {@link Command.Cas}: whether the compare held and the put was done. */
    record CasOk(boolean succeeded, long revision) implements Outcome {
        public CasOk {
            requireRevision(revision);
        }
    }

    /** The answer to a {@link Command.Range}: the present keys among those asked for. */
    record RangeOk(Map<String, Versioned> values, long revision) implements Outcome {
        public RangeOk {
            values = Map.copyOf(values);
            requireRevision(revision);
        }

        @Override
        public String toString() {
            return "RangeOk[values=" + new TreeMap<>(values) + ", revision=" + revision + "]";
        }
    }

    /** The request definitely did not take effect. */
    record Failed(String reason) implements Outcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The client cannot tell whether the request took effect. */
    record Unknown(String reason) implements Outcome {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static void requireRevision(long revision) {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be >= 0 (0 = not recorded), got " + revision);
        }
    }
}
