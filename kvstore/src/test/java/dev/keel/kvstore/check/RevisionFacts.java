package dev.keel.kvstore.check;

/** What an operation's outcome says about revisions (0 = nothing). */
final class RevisionFacts {

    private RevisionFacts() {
    }

    /** The revision an acknowledged write created, or 0 when the operation changed nothing or is not known. */
    static long writeRevision(Operation op) {
        Outcome outcome = op.outcome();
        if (outcome instanceof Outcome.PutOk ok) {
            return ok.revision();
        }
        if (outcome instanceof Outcome.DeleteOk ok && ok.deleted() > 0) {
            return ok.revision();
        }
        if (outcome instanceof Outcome.CasOk ok && ok.succeeded()) {
            return ok.revision();
        }
        return 0;
    }

    /** The header revision of a completed operation, or 0 when it has none. */
    static long observedRevision(Operation op) {
        Outcome outcome = op.outcome();
        if (outcome instanceof Outcome.ReadOk ok) {
            return ok.revision();
        }
        if (outcome instanceof Outcome.RangeOk ok) {
            return ok.revision();
        }
        if (outcome instanceof Outcome.PutOk ok) {
            return ok.revision();
        }
        if (outcome instanceof Outcome.DeleteOk ok) {
            return ok.revision();
        }
        if (outcome instanceof Outcome.CasOk ok) {
            return ok.revision();
        }
        return 0;
    }

    /** True when {@code write} (an acknowledged write) left {@code key} holding {@code value}. */
    static boolean wrote(Operation write, String key, String value) {
        Command command = write.command();
        if (command instanceof Command.Put put) {
            return put.key().equals(key) && put.value().equals(value);
        }
        if (command instanceof Command.Cas cas) {
            return cas.key().equals(key) && cas.newValue().equals(value);
        }
        return false;
    }
}
