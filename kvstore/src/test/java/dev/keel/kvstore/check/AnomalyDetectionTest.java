package dev.keel.kvstore.check;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-made anomalies that the checker must reject, each with the kind of violation it must report. */
class AnomalyDetectionTest {

    private static final String NOT_LINEARIZABLE = "not linearizable";

    private final LinearizabilityChecker checker =
            new LinearizabilityChecker(LinearizabilityChecker.Config.withBudget(Duration.ofSeconds(10)));

    static Stream<Arguments> anomalies() {
        return Stream.of(
                row("stale read: read returns a value overwritten before it started", NOT_LINEARIZABLE, "k",
                        new HistoryBuilder()
                                .put(0, 0, 1, "k", "a")
                                .put(0, 2, 3, "k", "b")
                                .get(1, 4, 5, "k", "a")),
                row("lost write: acknowledged put never visible, later reads see the older value",
                        NOT_LINEARIZABLE, "k", new HistoryBuilder()
                                .put(0, 0, 1, "k", "old")
                                .put(1, 2, 3, "k", "new")
                                .get(2, 4, 5, "k", "old")
                                .get(2, 6, 7, "k", "old")),
                row("lost write: acknowledged first put, key still absent", NOT_LINEARIZABLE, "k",
                        new HistoryBuilder()
                                .put(0, 0, 1, "k", "a")
                                .get(1, 2, 3, "k", null)),
                row("duplicate apply: overwritten value reappears", NOT_LINEARIZABLE, "k", new HistoryBuilder()
                        .put(0, 0, 1, "k", "a")
                        .put(0, 2, 3, "k", "b")
                        .get(1, 4, 5, "k", "b")
                        .get(1, 6, 7, "k", "a")),
                row("duplicate apply: same put seen again at a new mod revision", NOT_LINEARIZABLE, "k",
                        new HistoryBuilder()
                                .putAt(0, 0, 1, "k", "a", 2)
                                .getAt(1, 2, 3, "k", "a", 2, 2)
                                .getAt(1, 4, 5, "k", "a", 3, 3)),
                row("read of a value never written", NOT_LINEARIZABLE, "k", new HistoryBuilder()
                        .put(0, 0, 1, "k", "a")
                        .get(1, 2, 3, "k", "ghost")),
                row("read of a value whose put definitely failed", NOT_LINEARIZABLE, "k", new HistoryBuilder()
                        .put(0, 0, 1, "k", "a")
                        .putFailed(0, 2, 3, "k", "b")
                        .get(1, 4, 5, "k", "b")),
                row("cas succeeded although the compare was false", NOT_LINEARIZABLE, "k", new HistoryBuilder()
                        .put(0, 0, 1, "k", "a")
                        .cas(1, 2, 3, "k", "z", "c", true)),
                row("cas failed although the compare was true", NOT_LINEARIZABLE, "k", new HistoryBuilder()
                        .put(0, 0, 1, "k", "a")
                        .cas(1, 2, 3, "k", "a", "c", false)),
                row("two concurrent cas from the same value both succeeded", NOT_LINEARIZABLE, "k",
                        new HistoryBuilder()
                                .put(0, 0, 1, "k", "a")
                                .cas(1, 2, 6, "k", "a", "b", true)
                                .cas(2, 3, 5, "k", "a", "c", true)),
                row("cas create succeeded on an existing key", NOT_LINEARIZABLE, "k", new HistoryBuilder()
                        .put(0, 0, 1, "k", "a")
                        .cas(1, 2, 3, "k", null, "b", true)),
                row("delete reports a deletion of a missing key", NOT_LINEARIZABLE, "k", new HistoryBuilder()
                        .delete(0, 0, 1, "k", 1)),
                row("non-monotonic reads during a put: new value, then old", NOT_LINEARIZABLE, "k",
                        new HistoryBuilder()
                                .put(0, 0, 1, "k", "a")
                                .put(1, 2, 20, "k", "b")
                                .get(2, 3, 4, "k", "b")
                                .get(2, 5, 6, "k", "a")),
                row("revision reused by two acknowledged writes", "revision reused", "b", new HistoryBuilder()
                        .putAt(0, 0, 1, "a", "1", 5)
                        .putAt(1, 2, 3, "b", "1", 5)),
                row("revision goes backwards in real time", "revision order", "*", new HistoryBuilder()
                        .putAt(0, 0, 1, "a", "1", 5)
                        .putAt(1, 2, 3, "b", "1", 4)),
                row("read served at a revision below an earlier acknowledged write", "revision order", "*",
                        new HistoryBuilder()
                                .putAt(0, 0, 1, "a", "1", 5)
                                .getAt(1, 2, 3, "b", null, 0, 4)),
                row("read reports a mod revision above its header revision", "read revision", "k",
                        new HistoryBuilder()
                                .putAt(0, 0, 10, "k", "a", 5)
                                .getAt(1, 2, 3, "k", "a", 5, 4)),
                row("read reports a mod revision that belongs to another key", "read revision", "k",
                        new HistoryBuilder()
                                .putAt(0, 0, 1, "other", "a", 2)
                                .getAt(1, 2, 10, "k", "a", 2, 2)
                                .putUnknown(2, 0, 1, "k", "a")),
                row("torn range read: keys from two different revisions", "stale snapshot", "b",
                        new HistoryBuilder()
                                .putAt(0, 0, 1, "a", "1", 2)
                                .putAt(0, 2, 3, "b", "1", 3)
                                .putAt(0, 4, 5, "a", "2", 4)
                                .putAt(0, 6, 7, "b", "2", 5)
                                .range(1, 1, 8, List.of("a", "b"),
                                        Map.of("a", new Versioned("2", 4), "b", new Versioned("1", 3)), 5)),
                row("read finds a key absent at a revision after it was put", "stale snapshot", "k",
                        new HistoryBuilder()
                                .putAt(0, 0, 10, "k", "a", 2)
                                .getAt(1, 1, 2, "k", null, 0, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anomalies")
    void rejectsAnomaly(String name, String kind, String key, History history) {
        CheckResult result = checker.check(history);
        CheckResult.Violated violated = assertInstanceOf(CheckResult.Violated.class, result, () -> name);
        assertTrue(violated.anomalies().stream().anyMatch(a -> a.kind().equals(kind) && a.key().equals(key)),
                () -> name + ": expected a '" + kind + "' anomaly on key " + key + ", got:\n" + violated.report());
    }

    private static Arguments row(String name, String kind, String key, HistoryBuilder history) {
        return Arguments.of(name, kind, key, history.build());
    }
}
