package dev.keel.kvstore.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An atomic in-memory store with etcd's revision rules (starts at revision 1; each write that changes something
 * bumps the revision by one). The simulator applies each operation to it at one instant, its linearization
 * point, so every history it produces is linearizable by construction.
 */
final class SimulatedStore {

    private final Map<String, Versioned> data = new HashMap<>();
    private long revision = 1;

    Optional<Versioned> current(String key) {
        return Optional.ofNullable(data.get(key));
    }

    Outcome apply(Command command) {
        if (command instanceof Command.Get get) {
            return new Outcome.ReadOk(current(get.key()), revision);
        }
        if (command instanceof Command.Put put) {
            data.put(put.key(), new Versioned(put.value(), ++revision));
            return new Outcome.PutOk(revision);
        }
        if (command instanceof Command.Delete delete) {
            if (data.remove(delete.key()) == null) {
                return new Outcome.DeleteOk(0, revision);
            }
            return new Outcome.DeleteOk(1, ++revision);
        }
        if (command instanceof Command.Cas cas) {
            Optional<String> now = current(cas.key()).map(Versioned::value);
            if (!now.equals(cas.expected())) {
                return new Outcome.CasOk(false, revision);
            }
            data.put(cas.key(), new Versioned(cas.newValue(), ++revision));
            return new Outcome.CasOk(true, revision);
        }
        List<String> keys = ((Command.Range) command).keys();
        Map<String, Versioned> values = new HashMap<>();
        for (String key : keys) {
            current(key).ifPresent(v -> values.put(key, v));
        }
        return new Outcome.RangeOk(values, revision);
    }
}
