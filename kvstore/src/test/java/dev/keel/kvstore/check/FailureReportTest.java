package dev.keel.kvstore.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The report of a non-linearizable key shows a short window around the anomaly, one operation per line. */
class FailureReportTest {

    private static final Logger LOG = LoggerFactory.getLogger(FailureReportTest.class);

    private final LinearizabilityChecker checker =
            new LinearizabilityChecker(LinearizabilityChecker.Config.withBudget(Duration.ofSeconds(10)));

    @Test
    void staleReadInALongHistoryIsReportedAsAShortWindow() {
        HistoryBuilder history = new HistoryBuilder();
        long t = 0;
        for (int i = 0; i < 100; i++, t += 10) { // a writer and a reader overlapping, all fine
            history.put(0, t, t + 6, "k", "v" + i);
            history.get(1, t + 7, t + 8, "k", "v" + i);
        }
        history.put(0, t, t + 1, "k", "new");
        history.get(1, t + 2, t + 3, "k", "v99"); // stale: "new" was acknowledged before this read began
        for (int i = 0; i < 50; i++) {
            t += 10;
            history.get(1, t, t + 1, "k", "new");
        }

        CheckResult.Violated violated = assertInstanceOf(CheckResult.Violated.class, checker.check(history.build()));
        String report = violated.report();
        LOG.info("report:\n{}", report);

        Anomaly anomaly = violated.anomalies().get(0);
        assertEquals("k", anomaly.key());
        List<String> opLines = report.lines().filter(l -> l.trim().startsWith("#")).toList();
        assertEquals(2, opLines.size(), report);
        assertTrue(opLines.get(0).contains("put(k, \"new\") -> ok"), report);
        assertTrue(opLines.get(1).contains("get(k) -> \"v99\""), report);
        assertTrue(report.contains("shortest failing window: 2 of 252 operations on key k"), report);
    }

    @Test
    void windowFromTheStartUsesTheInitialState() {
        History history = new HistoryBuilder()
                .put(0, 0, 1, "other", "x")
                .get(0, 2, 3, "k", "ghost")
                .build();

        CheckResult.Violated violated = assertInstanceOf(CheckResult.Violated.class, checker.check(history));

        String report = violated.report();
        assertTrue(report.contains("starting from the initial state absent"), report);
        assertTrue(report.contains("get(k) -> \"ghost\""), report);
    }

    @Test
    void generatedHistoryWithOneCorruptedReadNamesThatRead() {
        History good = new HistorySimulator(new Random(7),
                new HistorySimulator.Shape(4, 300, 3, 10, true)).run();
        History bad = Corruption.replaceFirstReadValue(good, "never-written");

        CheckResult.Violated violated = assertInstanceOf(CheckResult.Violated.class, checker.check(bad));

        LOG.info("report:\n{}", violated.report());
        assertTrue(violated.report().contains("\"never-written\""), violated.report());
    }
}
