package dev.keel.kvstore.check;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known-good histories that the checker must accept. */
class LinearizabilityCheckerTest {

    private final LinearizabilityChecker checker =
            new LinearizabilityChecker(LinearizabilityChecker.Config.withBudget(Duration.ofSeconds(10)));

    static Stream<Arguments> goodHistories() {
        return Stream.of(
                row("empty history", new HistoryBuilder()),
                row("sequential put then get", new HistoryBuilder()
                        .put(0, 0, 1, "k", "a")
                        .get(0, 2, 3, "k", "a")),
                row("get of a missing key is absent", new HistoryBuilder()
                        .get(0, 0, 1, "k", null)),
                row("read concurrent with a put may see the old value", new HistoryBuilder()
                        .put(0, 0, 1, "k", "a")
                        .put(1, 2, 10, "k", "b")
                        .get(0, 3, 4, "k", "a")),
                row("read concurrent with a put may see the new value", new HistoryBuilder()
                        .put(0, 0, 1, "k", "a")
                        .put(1, 2, 10, "k", "b")
                        .get(0, 3, 4, "k", "b")
                        .get(0, 5, 6, "k", "b")),
                row("two concurrent puts, all later reads agree on one", new HistoryBuilder()
                        .put(0, 0, 5, "k", "a")
                        .put(1, 1, 4, "k", "b")
                        .get(2, 6, 7, "k", "a")
                        .get(3, 8, 9, "k", "a")),
                row("touching intervals count as concurrent", new HistoryBuilder()
                        .put(0, 0, 5, "k", "a")
                        .get(1, 5, 6, "k", null)),
                row("unknown put that took effect", new HistoryBuilder()
                        .putUnknown(0, 0, 1, "k", "a")
                        .get(1, 2, 3, "k", "a")),
                row("unknown put that never took effect", new HistoryBuilder()
                        .putUnknown(0, 0, 1, "k", "a")
                        .get(1, 2, 3, "k", null)
                        .get(1, 4, 5, "k", null)),
                row("unknown put that took effect long after its client gave up", new HistoryBuilder()
                        .put(0, 0, 1, "k", "old")
                        .putUnknown(1, 2, 3, "k", "late")
                        .get(2, 10, 11, "k", "old")
                        .get(2, 20, 21, "k", "late")),
                row("same process goes on after an unknown outcome", new HistoryBuilder()
                        .putUnknown(0, 0, 1, "k", "a")
                        .put(0, 2, 3, "k", "b")
                        .get(0, 4, 5, "k", "a")),
                row("failed put is ignored", new HistoryBuilder()
                        .put(0, 0, 1, "k", "a")
                        .putFailed(0, 2, 3, "k", "b")
                        .get(0, 4, 5, "k", "a")),
                row("delete then absent, delete again deletes nothing", new HistoryBuilder()
                        .put(0, 0, 1, "k", "a")
                        .delete(0, 2, 3, "k", 1)
                        .get(0, 4, 5, "k", null)
                        .delete(0, 6, 7, "k", 0)),
                row("cas chain with a failed compare", new HistoryBuilder()
                        .cas(0, 0, 1, "k", null, "a", true)
                        .cas(0, 2, 3, "k", "a", "b", true)
                        .cas(1, 4, 5, "k", "a", "c", false)
                        .get(1, 6, 7, "k", "b")),
                row("concurrent cas from one value: exactly one wins", new HistoryBuilder()
                        .put(0, 0, 1, "k", "a")
                        .cas(1, 2, 6, "k", "a", "b", true)
                        .cas(2, 3, 5, "k", "a", "c", false)
                        .get(0, 7, 8, "k", "b")),
                row("unknown cas that took effect", new HistoryBuilder()
                        .put(0, 0, 1, "k", "a")
                        .casUnknown(1, 2, 3, "k", "a", "b")
                        .get(0, 4, 5, "k", "b")),
                row("unknown cas whose compare failed", new HistoryBuilder()
                        .put(0, 0, 1, "k", "z")
                        .casUnknown(1, 2, 3, "k", "a", "b")
                        .get(0, 4, 5, "k", "z")),
                row("same value written twice, reads tell them apart by mod revision", new HistoryBuilder()
                        .putAt(0, 0, 1, "k", "a", 2)
                        .putAt(0, 2, 3, "k", "b", 3)
                        .putAt(0, 4, 5, "k", "a", 4)
                        .getAt(1, 6, 7, "k", "a", 4, 4)),
                row("range read is one consistent snapshot", new HistoryBuilder()
                        .putAt(0, 0, 1, "a", "1", 2)
                        .putAt(0, 2, 3, "b", "1", 3)
                        .putAt(1, 4, 10, "a", "2", 4)
                        .range(2, 5, 6, List.of("a", "b", "c"),
                                Map.of("a", new Versioned("1", 2), "b", new Versioned("1", 3)), 3)),
                row("keys are independent registers", new HistoryBuilder()
                        .put(0, 0, 1, "a", "1")
                        .put(1, 0, 1, "b", "1")
                        .get(0, 2, 3, "b", "1")
                        .get(1, 2, 3, "a", "1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodHistories")
    void acceptsKnownGoodHistory(String name, History history) {
        CheckResult result = checker.check(history);
        assertInstanceOf(CheckResult.Passed.class, result, () -> name + ": " + result);
    }

    private static Arguments row(String name, HistoryBuilder history) {
        return Arguments.of(name, history.build());
    }
}
