package dev.keel.kvstore.check;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Histories produced by a simulated linearizable store (random concurrency, ambiguous and failed requests,
 * ranges) must all be accepted; the same histories with one read's value replaced must all be rejected.
 */
class LinearizabilityPropertyTest {

    private final LinearizabilityChecker checker =
            new LinearizabilityChecker(LinearizabilityChecker.Config.withBudget(Duration.ofSeconds(10)));

    @Property(tries = 300)
    void everyGeneratedLinearizableHistoryIsAccepted(
            @ForAll @IntRange(min = 1, max = 6) int processes,
            @ForAll @IntRange(min = 0, max = 120) int operations,
            @ForAll @IntRange(min = 1, max = 4) int keys,
            @ForAll @IntRange(min = 0, max = 40) int unknownPercent,
            @ForAll boolean ranges,
            @ForAll long seed) {
        History history = generate(processes, operations, keys, unknownPercent, ranges, seed);

        CheckResult result = checker.check(history);

        assertInstanceOf(CheckResult.Passed.class, result, () -> result + "\nfor history " + history);
    }

    @Property(tries = 150)
    void aReadOfANeverWrittenValueIsAlwaysRejected(
            @ForAll @IntRange(min = 1, max = 6) int processes,
            @ForAll @IntRange(min = 1, max = 120) int operations,
            @ForAll @IntRange(min = 1, max = 4) int keys,
            @ForAll @IntRange(min = 0, max = 40) int unknownPercent,
            @ForAll long seed) {
        History good = generate(processes, operations, keys, unknownPercent, false, seed);
        Assume.that(Corruption.hasRead(good));
        History bad = Corruption.replaceFirstReadValue(good, "never-written");

        CheckResult result = checker.check(bad);

        assertInstanceOf(CheckResult.Violated.class, result, () -> result + "\nfor history " + bad);
    }

    private static History generate(int processes, int operations, int keys, int unknownPercent, boolean ranges,
            long seed) {
        HistorySimulator.Shape shape = new HistorySimulator.Shape(processes, operations, keys, unknownPercent, ranges);
        return new HistorySimulator(new Random(seed), shape).run();
    }
}
