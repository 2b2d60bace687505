package dev.keel.kvstore.check;

import java.util.Objects;

/**
 * One request as a client recorded it: who sent it, when, what it asked and how it ended.
 *
 * <p>Times are {@link System#nanoTime()}-style readings of one clock shared by all clients of a history. Operation
 * A precedes operation B in real time when {@code A.returnNanos < B.invokeNanos}; equal readings count as
 * concurrent. For an {@link Outcome.Unknown} outcome, {@code returnNanos} is when the client gave up: the checker
 * treats the operation as still open forever after its invocation.
 *
 * <p>A process is one client thread doing one request at a time. After an unknown outcome the thread may go on
 * with the same process id: its abandoned request is simply concurrent with everything it does afterwards.
 *
 * @param id the operation's index in its {@link History}
 * @param process the client thread that sent it
 * @param invokeNanos when the request was sent
 * @param returnNanos when the answer came (or the client gave up); {@code >= invokeNanos}
 * @param command what was asked
 * @param outcome how it ended; its kind matches the command's (a Get gets a ReadOk, a Put a PutOk, ...)
 */
public record Operation(int id, int process, long invokeNanos, long returnNanos, Command command, Outcome outcome) {
    public Operation {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(outcome, "outcome");
        if (id < 0) {
            throw new IllegalArgumentException("operation id must be >= 0, got " + id);
        }
        if (returnNanos < invokeNanos) {
            throw new IllegalArgumentException("operation " + id + " returns at " + returnNanos
                    + " before its invocation at " + invokeNanos);
        }
        if (!fits(command, outcome)) {
            throw new IllegalArgumentException("operation " + id + ": outcome " + outcome
                    + " does not answer " + command);
        }
    }

    /** True when the client cannot tell whether the operation took effect. */
    public boolean isUnknown() {
        return outcome instanceof Outcome.Unknown;
    }

    /** True when the operation definitely did not take effect. */
    public boolean isFailed() {
        return outcome instanceof Outcome.Failed;
    }

    /** A copy with another id (used when histories are merged or sliced). */
    public Operation withId(int newId) {
        return new Operation(newId, process, invokeNanos, returnNanos, command, outcome);
    }

    private static boolean fits(Command command, Outcome outcome) {
        if (outcome instanceof Outcome.Failed || outcome instanceof Outcome.Unknown) {
            return true;
        }
        if (command instanceof Command.Get) {
            return outcome instanceof Outcome.ReadOk;
        }
        if (command instanceof Command.Put) {
            return outcome instanceof Outcome.PutOk;
        }
        if (command instanceof Command.Delete) {
            return outcome instanceof Outcome.DeleteOk;
        }
        if (command instanceof Command.Cas) {
            return outcome instanceof Outcome.CasOk;
        }
        if (command instanceof Command.Range range && outcome instanceof Outcome.RangeOk ok) {
            return range.keys().containsAll(ok.values().keySet());
        }
        return false;
    }
}
