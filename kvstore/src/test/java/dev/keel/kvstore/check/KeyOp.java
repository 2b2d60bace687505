package dev.keel.kvstore.check;

import java.util.Objects;

/**
 * One operation's effect on one key: a single-key operation as recorded, or one key's part of a range read
 * (projected to a {@link Command.Get} with a {@link Outcome.ReadOk}).
 *
 * @param source the operation as recorded
 * @param command a single-key command ({@link Command.Get}, {@link Command.Put}, {@link Command.Delete} or
 *     {@link Command.Cas}) on this key
 * @param outcome its outcome on this key; never {@link Outcome.Failed} (failed operations have no effect and are
 *     left out)
 */
record KeyOp(Operation source, Command command, Outcome outcome) {
    KeyOp {
        Objects.requireNonNull(source, "source");
        if (command instanceof Command.Range) {
            throw new IllegalArgumentException("a key op is single-key, got " + command);
        }
        if (outcome instanceof Outcome.Failed) {
            throw new IllegalArgumentException("failed operations are not checked: " + source);
        }
    }

    /** True when the operation may take effect at any time after its invocation, or never. */
    boolean unknown() {
        return outcome instanceof Outcome.Unknown;
    }

    long invokeNanos() {
        return source.invokeNanos();
    }

    long returnNanos() {
        return source.returnNanos();
    }
}
