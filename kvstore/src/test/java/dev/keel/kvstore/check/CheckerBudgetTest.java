package dev.keel.kvstore.check;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The checker is fast on realistic histories and gives a clear "inconclusive" instead of hanging. */
class CheckerBudgetTest {

    private static final Logger LOG = LoggerFactory.getLogger(CheckerBudgetTest.class);

    @Test
    void fiveThousandOperationsOverTwentyKeysCheckInSeconds() {
        History history = new HistorySimulator(new Random(42),
                new HistorySimulator.Shape(16, 5000, 20, 5, true)).run();
        LinearizabilityChecker checker =
                new LinearizabilityChecker(LinearizabilityChecker.Config.withBudget(Duration.ofSeconds(20)));

        CheckResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> checker.check(history));

        CheckResult.Passed passed = assertInstanceOf(CheckResult.Passed.class, result, result::toString);
        LOG.info("checked {} operations over {} keys in {} ms", passed.operations(), passed.keys(),
                passed.elapsedNanos() / 1_000_000);
    }

    @Test
    void exhaustedTimeBudgetIsInconclusive() {
        History history = new HistorySimulator(new Random(1),
                new HistorySimulator.Shape(4, 2000, 1, 0, false)).run();
        AtomicLong ticks = new AtomicLong();
        LongSupplier fastClock = () -> ticks.addAndGet(1_000_000); // every reading is 1 ms later
        LinearizabilityChecker checker = new LinearizabilityChecker(
                new LinearizabilityChecker.Config(fastClock, Duration.ofMillis(1), 1_000_000));

        CheckResult result = checker.check(history);

        CheckResult.Inconclusive inconclusive = assertInstanceOf(CheckResult.Inconclusive.class, result);
        assertTrue(inconclusive.why().contains("time budget exhausted"), inconclusive::why);
    }

    @Test
    void exhaustedMemoCapIsInconclusive() {
        History history = new HistorySimulator(new Random(3),
                new HistorySimulator.Shape(6, 400, 1, 20, false)).run();
        LinearizabilityChecker checker = new LinearizabilityChecker(
                new LinearizabilityChecker.Config(System::nanoTime, Duration.ofSeconds(10), 50));

        CheckResult result = checker.check(history);

        CheckResult.Inconclusive inconclusive = assertInstanceOf(CheckResult.Inconclusive.class, result);
        assertTrue(inconclusive.why().contains("memo cache limit"), inconclusive::why);
    }
}
