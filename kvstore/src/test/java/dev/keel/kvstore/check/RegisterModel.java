package dev.keel.kvstore.check;

import java.util.Optional;

/**
 * The sequential specification of one key: given the key's state and an operation on it, whether the operation's
 * recorded outcome is possible and, if so, the state after it.
 *
 * <p>Operations with an unknown outcome constrain nothing about their answer; the search decides whether (and
 * where) they took effect. A compare-and-set with an unknown outcome takes effect exactly when its compare holds.
 *
 * <p>Mod revisions sharpen the model: a read that reports a mod revision must match the revision of the write it
 * reads, so a value that is written once and then seen again after being overwritten (a duplicated apply) is
 * caught even when two writes use the same value. A revision of 0 means "not recorded" and matches anything.
 */
final class RegisterModel {

    private RegisterModel() {
    }

    /** The state after {@code op}, or empty when {@code op}'s outcome is impossible in {@code state}. */
    static Optional<RegisterState> step(RegisterState state, KeyOp op) {
        Command command = op.command();
        if (command instanceof Command.Get) {
            return read(state, op.outcome());
        }
        if (command instanceof Command.Put put) {
            long revision = op.outcome() instanceof Outcome.PutOk ok ? ok.revision() : 0;
            return Optional.of(new RegisterState.Present(put.value(), revision));
        }
        if (command instanceof Command.Delete) {
            return delete(state, op.outcome());
        }
        if (command instanceof Command.Cas cas) {
            return compareAndSet(state, cas, op.outcome());
        }
        throw new IllegalStateException("not a single-key command: " + command);
    }

    private static Optional<RegisterState> read(RegisterState state, Outcome outcome) {
        if (!(outcome instanceof Outcome.ReadOk ok)) {
            return Optional.of(state); // an unknown read has no effect
        }
        Optional<Versioned> seen = ok.value();
        if (state instanceof RegisterState.Any) {
            return Optional.of(seen.<RegisterState>map(v -> new RegisterState.Present(v.value(), v.modRevision()))
                    .orElse(RegisterState.ABSENT));
        }
        if (state instanceof RegisterState.Present present) {
            if (seen.isEmpty() || !seen.get().value().equals(present.value())) {
                return Optional.empty();
            }
            long stateRev = present.modRevision();
            long seenRev = seen.get().modRevision();
            if (stateRev != 0 && seenRev != 0 && stateRev != seenRev) {
                return Optional.empty();
            }
            return Optional.of(stateRev == 0 && seenRev != 0 ? new RegisterState.Present(present.value(), seenRev)
                    : present);
        }
        return seen.isEmpty() ? Optional.of(state) : Optional.empty();
    }

    private static Optional<RegisterState> delete(RegisterState state, Outcome outcome) {
        if (outcome instanceof Outcome.DeleteOk ok && !(state instanceof RegisterState.Any)) {
            long expected = state instanceof RegisterState.Present ? 1 : 0;
            if (ok.deleted() != expected) {
                return Optional.empty();
            }
        }
        return Optional.of(RegisterState.ABSENT);
    }

    private static Optional<RegisterState> compareAndSet(RegisterState state, Command.Cas cas, Outcome outcome) {
        if (outcome instanceof Outcome.CasOk ok) {
            RegisterState after = new RegisterState.Present(cas.newValue(), ok.revision());
            if (state instanceof RegisterState.Any) {
                return Optional.of(ok.succeeded() ? after : state);
            }
            if (holds(state, cas) != ok.succeeded()) {
                return Optional.empty();
            }
            return Optional.of(ok.succeeded() ? after : state);
        }
        // Unknown outcome: it took effect exactly when the compare held. From Any both are possible; Any covers both.
        if (state instanceof RegisterState.Any) {
            return Optional.of(state);
        }
        return Optional.of(holds(state, cas) ? new RegisterState.Present(cas.newValue(), 0) : state);
    }

    private static boolean holds(RegisterState state, Command.Cas cas) {
        if (state instanceof RegisterState.Present present) {
            return cas.expected().isPresent() && cas.expected().get().equals(present.value());
        }
        return cas.expected().isEmpty();
    }
}
