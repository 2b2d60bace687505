package dev.keel.kvstore.check;

import java.util.List;
import java.util.stream.Collectors;

/** The verdict on a history. */
public sealed interface CheckResult {

    /** Every key's operations are linearizable and the revisions are consistent. */
    record Passed(int keys, int operations, long elapsedNanos) implements CheckResult {
    }

    /** At least one violation was found (definite, whatever other keys gave). */
    record Violated(List<Anomaly> anomalies) implements CheckResult {
        public Violated {
            anomalies = List.copyOf(anomalies);
            if (anomalies.isEmpty()) {
                throw new IllegalArgumentException("a violation needs at least one anomaly");
            }
        }

        /** All anomalies, readable. */
        public String report() {
            return anomalies.stream().map(Anomaly::toString).collect(Collectors.joining("\n\n"));
        }
    }

    /** No violation was found, but the search gave up on some keys, so the history may still be wrong. */
    record Inconclusive(List<String> keysGivenUp, String why) implements CheckResult {
        public Inconclusive {
            keysGivenUp = List.copyOf(keysGivenUp);
        }
    }
}
