package dev.keel.kvstore.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Short rows for hand-written histories in tests. Times are small integers (ticks); each method records one
 * operation of process {@code p} invoked at {@code from} and returning at {@code to}. Revisions default to 0
 * ("not recorded") unless a method takes them.
 */
public final class HistoryBuilder {

    private final List<Operation> ops = new ArrayList<>();

    public HistoryBuilder get(int p, long from, long to, String key, String valueOrNullForAbsent) {
        Optional<Versioned> value = Optional.ofNullable(valueOrNullForAbsent).map(Versioned::of);
        return add(p, from, to, new Command.Get(key), new Outcome.ReadOk(value, 0));
    }

    /** A read that saw {@code value} written at {@code modRevision}, served at {@code revision}. */
    public HistoryBuilder getAt(int p, long from, long to, String key, String value, long modRevision,
            long revision) {
        Optional<Versioned> seen = Optional.ofNullable(value).map(v -> new Versioned(v, modRevision));
        return add(p, from, to, new Command.Get(key), new Outcome.ReadOk(seen, revision));
    }

    public HistoryBuilder put(int p, long from, long to, String key, String value) {
        return putAt(p, from, to, key, value, 0);
    }

    public HistoryBuilder putAt(int p, long from, long to, String key, String value, long revision) {
        return add(p, from, to, new Command.Put(key, value), new Outcome.PutOk(revision));
    }

    /** A put whose client gave up at {@code to} without knowing whether it took effect. */
    public HistoryBuilder putUnknown(int p, long from, long to, String key, String value) {
        return add(p, from, to, new Command.Put(key, value), new Outcome.Unknown("timed out"));
    }

    /** A put that definitely did not take effect. */
    public HistoryBuilder putFailed(int p, long from, long to, String key, String value) {
        return add(p, from, to, new Command.Put(key, value), new Outcome.Failed("rejected"));
    }

    public HistoryBuilder delete(int p, long from, long to, String key, long deleted) {
        return add(p, from, to, new Command.Delete(key), new Outcome.DeleteOk(deleted, 0));
    }

    public HistoryBuilder cas(int p, long from, long to, String key, String expectedOrNullForAbsent,
            String newValue, boolean succeeded) {
        return add(p, from, to, casCommand(key, expectedOrNullForAbsent, newValue), new Outcome.CasOk(succeeded, 0));
    }

    public HistoryBuilder casUnknown(int p, long from, long to, String key, String expectedOrNullForAbsent,
            String newValue) {
        return add(p, from, to, casCommand(key, expectedOrNullForAbsent, newValue), new Outcome.Unknown("timed out"));
    }

    /** A range read over {@code keys} that returned {@code values} (value@modRevision) served at {@code revision}. */
    public HistoryBuilder range(int p, long from, long to, List<String> keys, Map<String, Versioned> values,
            long revision) {
        return add(p, from, to, new Command.Range(keys), new Outcome.RangeOk(values, revision));
    }

    public HistoryBuilder add(int p, long from, long to, Command command, Outcome outcome) {
        ops.add(new Operation(ops.size(), p, from, to, command, outcome));
        return this;
    }

    public History build() {
        return History.of(ops);
    }

    private static Command.Cas casCommand(String key, String expected, String newValue) {
        return new Command.Cas(key, Optional.ofNullable(expected), newValue);
    }
}
