package dev.keel.kvstore.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a good history into a bad one in a known way, for tests of the checker. */
final class Corruption {

    private Corruption() {
    }

    /** Replaces the value of the first completed single-key read with {@code value} (a value nobody wrote). */
    static History replaceFirstReadValue(History history, String value) {
        List<Operation> ops = new ArrayList<>(history.operations());
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            if (op.outcome() instanceof Outcome.ReadOk ok) {
                Outcome bad = new Outcome.ReadOk(Optional.of(new Versioned(value, 0)), ok.revision());
                ops.set(i, new Operation(op.id(), op.process(), op.invokeNanos(), op.returnNanos(), op.command(), bad));
                return new History(ops);
            }
        }
        throw new IllegalArgumentException("history has no completed read");
    }

    /** True when the history has a completed single-key read. */
    static boolean hasRead(History history) {
        return history.operations().stream().anyMatch(op -> op.outcome() instanceof Outcome.ReadOk);
    }
}
