package dev.keel.kvstore.check;

import java.util.Objects;

/**
 * One consistency violation found in a history.
 *
 * @param kind what was violated, e.g. "not linearizable" or "revision order"
 * @param key the key concerned, or "*" when the violation spans keys
 * @param report a readable explanation with the operations involved, one per line
 */
public record Anomaly(String kind, String key, String report) {
    public Anomaly {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(report, "report");
    }

    @Override
    public String toString() {
        return kind + " on key " + key + ":\n" + report;
    }
}
