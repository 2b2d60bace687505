package dev.keel.kvstore.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.LongSupplier;

/**
 * Checks a recorded {@link History} against the register-per-key model of an etcd-like store: every key's
 * operations must be linearizable (a Porcupine-style search per key, see {@link LinearizabilitySearch}) and the
 * returned revisions must be consistent ({@link RevisionChecker}).
 *
 * <p>Range reads are split into one read per key (see {@link KeyPartitioner}); that the keys of one range read
 * form a single snapshot is checked through revisions only.
 *
 * <p>The search is bounded by {@code timeBudget} (for all keys together) and a cap on memoised states; when a
 * key runs out, the verdict is {@link CheckResult.Inconclusive} unless another key shows a violation. A failing
 * key gets a second budget of the same length to cut its report down to a short window. Not thread-safe; use one
 * checker per thread.
 */
public final class LinearizabilityChecker {

    /** Settings: the clock used for the budget, the time budget and the memo cap per key. */
    public record Config(LongSupplier clock, Duration timeBudget, int maxCacheEntries) {
        public Config {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(timeBudget, "timeBudget");
            if (timeBudget.isNegative() || timeBudget.isZero()) {
                throw new IllegalArgumentException("time budget must be positive, got " + timeBudget);
            }
            if (maxCacheEntries <= 0) {
                throw new IllegalArgumentException("maxCacheEntries must be > 0, got " + maxCacheEntries);
            }
        }

        /** System clock, the given budget, and up to two million memoised states per key. */
        public static Config withBudget(Duration timeBudget) {
            return new Config(System::nanoTime, timeBudget, 2_000_000);
        }
    }

    private final Config config;

    public LinearizabilityChecker(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public CheckResult check(History history) {
        long start = config.clock().getAsLong();
        long deadline = start + config.timeBudget().toNanos();
        OperationFormatter formatter = new OperationFormatter(history.startNanos());
        List<Anomaly> anomalies = new ArrayList<>(new RevisionChecker(history).check());
        List<String> givenUp = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        SortedMap<String, List<KeyOp>> partitions = KeyPartitioner.partition(history);
        for (Map.Entry<String, List<KeyOp>> partition : partitions.entrySet()) {
            String key = partition.getKey();
            List<KeyOp> ops = partition.getValue();
            SearchBudget budget = new SearchBudget(config.clock(), deadline, config.maxCacheEntries());
            SearchResult result = new LinearizabilitySearch(ops, RegisterState.ABSENT, budget).run();
            if (result instanceof SearchResult.NotLinearizable stuck) {
                anomalies.add(explain(key, ops, stuck, formatter));
            } else if (result instanceof SearchResult.GaveUp gaveUp) {
                givenUp.add(key);
                reasons.add(key + ": " + gaveUp.why() + " after " + gaveUp.steps() + " steps");
            }
        }
        if (!anomalies.isEmpty()) {
            return new CheckResult.Violated(anomalies);
        }
        if (!givenUp.isEmpty()) {
            return new CheckResult.Inconclusive(givenUp, String.join("; ", reasons));
        }
        return new CheckResult.Passed(partitions.size(), history.size(), config.clock().getAsLong() - start);
    }

    private Anomaly explain(String key, List<KeyOp> ops, SearchResult.NotLinearizable stuck,
            OperationFormatter formatter) {
        long shrinkDeadline = config.clock().getAsLong() + config.timeBudget().toNanos();
        SearchBudget budget = new SearchBudget(config.clock(), shrinkDeadline, config.maxCacheEntries());
        WindowShrinker.Window window = new WindowShrinker(ops, RegisterState.ABSENT, budget).shrink();
        return new Anomaly("not linearizable", key, FailureReport.write(key, ops, window, stuck, formatter));
    }
}
