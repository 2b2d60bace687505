package dev.keel.kvstore.check;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Prints operations one per line for reports, with times in milliseconds since the history's first invocation:
 * <pre>
 *    #12 p3  [+1.204 .. +1.350]  put(k1, "v5") -> ok @13
 *    #14 p1  [+1.300 .. ?     ]  get(k1) -> unknown (timed out)
 * </pre>
 */
final class OperationFormatter {

    static final String HEADER = String.format(Locale.ROOT, "%6s %-4s %-24s  %s", "op", "proc",
            "[invoke .. return] ms", "operation -> outcome (@ = revision)");

    private final long zeroNanos;

    OperationFormatter(long zeroNanos) {
        this.zeroNanos = zeroNanos;
    }

    String line(Operation op) {
        String ret = op.isUnknown() ? "?" : millis(op.returnNanos());
        String times = "[" + millis(op.invokeNanos()) + " .. " + ret + "]";
        return String.format(Locale.ROOT, "%6s %-4s %-24s  %s -> %s", "#" + op.id(), "p" + op.process(), times,
                command(op.command()), outcome(op.outcome()));
    }

    private String millis(long nanos) {
        return String.format(Locale.ROOT, "+%.3f", (nanos - zeroNanos) / 1e6);
    }

    static String command(Command command) {
        if (command instanceof Command.Get get) {
            return "get(" + get.key() + ")";
        }
        if (command instanceof Command.Put put) {
            return "put(" + put.key() + ", \"" + put.value() + "\")";
        }
        if (command instanceof Command.Delete delete) {
            return "delete(" + delete.key() + ")";
        }
        if (command instanceof Command.Cas cas) {
            String expected = cas.expected().map(v -> "\"" + v + "\"").orElse("absent");
            return "cas(" + cas.key() + ", " + expected + " => \"" + cas.newValue() + "\")";
        }
        Command.Range range = (Command.Range) command;
        return "range" + range.keys();
    }

    static String outcome(Outcome outcome) {
        if (outcome instanceof Outcome.ReadOk ok) {
            return value(ok.value()) + revision(ok.revision());
        }
        if (outcome instanceof Outcome.PutOk ok) {
            return "ok" + revision(ok.revision());
        }
        if (outcome instanceof Outcome.DeleteOk ok) {
            return "deleted " + ok.deleted() + revision(ok.revision());
        }
        if (outcome instanceof Outcome.CasOk ok) {
            return (ok.succeeded() ? "succeeded" : "compare failed") + revision(ok.revision());
        }
        if (outcome instanceof Outcome.RangeOk ok) {
            StringJoiner values = new StringJoiner(", ", "{", "}");
            ok.values().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> values.add(e.getKey() + "=" + e.getValue()));
            return values + revision(ok.revision());
        }
        if (outcome instanceof Outcome.Failed failed) {
            return "FAILED (" + failed.reason() + ")";
        }
        return "UNKNOWN (" + ((Outcome.Unknown) outcome).reason() + ")";
    }

    private static String value(Optional<Versioned> value) {
        return value.map(Versioned::toString).orElse("absent");
    }

    private static String revision(long revision) {
        return revision == 0 ? "" : " @" + revision;
    }
}
