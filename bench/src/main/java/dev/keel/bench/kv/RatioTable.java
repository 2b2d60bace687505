package dev.keel.bench.kv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Pairs the runs of two systems step by step (same {@link RunResult#name()}) and shows them side
 * by side as a Markdown table with target/base ratios: above 1 means the target is faster for
 * throughput, and slower for latency. Steps appear in the order they were first run.
 *
 * <p>Example row, target keel and base etcd:
 * {@code | put-64 | 5,120 | 6,400 | 0.80 | 9.1 | 8.0 | 30.2 | 23.0 | 1.31 | 0 / 0 |}.
 */
final class RatioTable {
  /** One step measured on both systems. */
  record Row(String step, RunResult target, RunResult base) {
    double throughputRatio() {
      return ratio(target.throughput(), base.throughput());
    }

    double p50Ratio() {
      return ratio(target.latency().p50(), base.latency().p50());
    }

    double p99Ratio() {
      return ratio(target.latency().p99(), base.latency().p99());
    }

    /** Server CPU per request, target over base; empty unless both runs measured it. */
    Optional<Double> cpuRatio() {
      Long t = target.counters().get(CPU_PER_OP);
      Long b = base.counters().get(CPU_PER_OP);
      return t == null || b == null ? Optional.empty() : Optional.of(ratio(t, b));
    }
  }

  /** The counter {@code keel-bench kv --server-pids} records. */
  static final String CPU_PER_OP = "server-cpu-us-per-op";

  private final String target;
  private final String base;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> unpaired = new ArrayList<>();

  RatioTable(List<RunResult> results, String target, String base) {
    this.target = target;
    this.base = base;
    Map<String, Map<String, RunResult>> byStep = new LinkedHashMap<>();
    for (RunResult r : results) {
      byStep.computeIfAbsent(r.name(), k -> new LinkedHashMap<>()).put(r.label(), r);
    }
    byStep.forEach((step, runs) -> {
      RunResult t = runs.get(target);
      RunResult b = runs.get(base);
      if (t != null && b != null) {
        rows.add(new Row(step, t, b));
      } else {
        unpaired.add(step);
      }
    });
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  /** Steps that lack a run of one of the two systems. */
  List<String> unpaired() {
    return List.copyOf(unpaired);
  }

  Optional<Row> row(String step) {
    return rows.stream().filter(r -> r.step().equals(step)).findFirst();
  }

  String markdown() {
    StringBuilder sb = new StringBuilder();
    String t = target;
    String b = base;
    sb.append(String.format("| step | %s ops/s | %s ops/s | %s/%s ops | %s p50 ms | %s p50 ms"
        + " | %s p99 ms | %s p99 ms | %s/%s p99 | errors %s / %s |%n",
        t, b, t, b, t, b, t, b, t, b, t, b));
    sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT,
          "| %s | %,.0f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d / %d |%n",
          r.step(), r.target().throughput(), r.base().throughput(), r.throughputRatio(),
          r.target().latency().p50(), r.base().latency().p50(),
          r.target().latency().p99(), r.base().latency().p99(), r.p99Ratio(),
          r.target().errors(), r.base().errors()));
    }
    if (rows.stream().anyMatch(r -> r.cpuRatio().isPresent())) {
      sb.append(String.format("%nServer CPU per request (all members, microseconds):%n%n"));
      sb.append(String.format("| step | %s CPU us/op | %s CPU us/op | %s/%s CPU |%n", t, b, t, b));
      sb.append("| --- | ---: | ---: | ---: |\n");
      for (Row r : rows) {
        r.cpuRatio().ifPresent(cpu -> sb.append(String.format(Locale.ROOT,
            "| %s | %,d | %,d | %.2f |%n", r.step(), r.target().counters().get(CPU_PER_OP),
            r.base().counters().get(CPU_PER_OP), cpu)));
      }
    }
    if (!unpaired.isEmpty()) {
      sb.append(String.format("%nSteps run on only one system: %s%n", String.join(", ", unpaired)));
    }
    return sb.toString();
  }

  /**
   * How throughput scales between two steps, for both systems, e.g. "put-64 / put-1:
   * keel 9.5x, etcd 9.8x"; empty when a step is missing.
   */
  Optional<String> scaling(String fromStep, String toStep) {
    Optional<Row> from = row(fromStep);
    Optional<Row> to = row(toStep);
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "%s / %s throughput: %s %.1fx, %s %.1fx",
        toStep, fromStep,
        target, ratio(to.get().target().throughput(), from.get().target().throughput()),
        base, ratio(to.get().base().throughput(), from.get().base().throughput())));
  }

  static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : a / b;
  }
}
