package dev.keel.kvstore.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Splits a history into one sub-history per key. Linearizability is local (Herlihy and Wing): a history of
 * independent registers is linearizable exactly when each register's sub-history is, so each key is searched on
 * its own.
 *
 * <p>What goes where:
 * <ul>
 *   <li>failed operations are left out (they never took effect);</li>
 *   <li>reads with an unknown outcome are left out (they have no effect and no answer to check);</li>
 *   <li>a range read becomes one read per key it names, each with the value the range returned for that key
 *       (absent when the key is missing from the result).</li>
 * </ul>
 * Splitting a range read checks each key's part but not that the parts form one snapshot; that cross-key
 * property is checked with revisions by {@link RevisionChecker} (a multi-key search would forfeit partitioning).
 */
final class KeyPartitioner {

    private KeyPartitioner() {
    }

    static SortedMap<String, List<KeyOp>> partition(History history) {
        SortedMap<String, List<KeyOp>> byKey = new TreeMap<>();
        for (Operation op : history.operations()) {
            if (op.isFailed()) {
                continue;
            }
            Command command = op.command();
            if (command instanceof Command.Range range) {
                if (op.outcome() instanceof Outcome.RangeOk ok) {
                    addRangeParts(byKey, op, range, ok);
                }
            } else if (command instanceof Command.Get get) {
                if (!op.isUnknown()) {
                    add(byKey, get.key(), new KeyOp(op, command, op.outcome()));
                }
            } else {
                add(byKey, keyOf(command), new KeyOp(op, command, op.outcome()));
            }
        }
        return byKey;
    }

    static String keyOf(Command command) {
        if (command instanceof Command.Get get) {
            return get.key();
        }
        if (command instanceof Command.Put put) {
            return put.key();
        }
        if (command instanceof Command.Delete delete) {
            return delete.key();
        }
        if (command instanceof Command.Cas cas) {
            return cas.key();
        }
        throw new IllegalArgumentException("not a single-key command: " + command);
    }

    private static void addRangeParts(Map<String, List<KeyOp>> byKey, Operation op, Command.Range range,
            Outcome.RangeOk ok) {
        for (String key : range.keys()) {
            Outcome part = new Outcome.ReadOk(Optional.ofNullable(ok.values().get(key)), ok.revision());
            add(byKey, key, new KeyOp(op, new Command.Get(key), part));
        }
    }

    private static void add(Map<String, List<KeyOp>> byKey, String key, KeyOp op) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(op);
    }
}
