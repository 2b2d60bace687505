package dev.keel.bench.kv;

import java.io.PrintWriter;
import java.util.Map;

/** The human-readable summary of a run, in the spirit of etcd's benchmark tool. */
final class Summary {
  private Summary() {}

  static void print(RunResult r, PrintWriter out) {
    Percentiles l = r.latency();
    out.printf("%nSummary: %s on %s (%s)%n", r.name(), r.label(), r.options().get("endpoints"));
    out.printf("  Total:       %.4f s%n", r.seconds());
    out.printf("  Requests:    %d ok, %d errors%n", r.ok(), r.errors());
    out.printf("  Throughput:  %.1f %s/s%n", r.throughput(),
        "watch".equals(r.workload()) ? "events" : "requests");
    out.printf("  Latency:     p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms,"
        + " mean %.3f ms%n", l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.mean());
    for (Map.Entry<String, Long> c : r.counters().entrySet()) {
      out.printf("  %-12s %d%n", c.getKey() + ":", c.getValue());
    }
    if (!r.errorKinds().isEmpty()) {
      out.println("  Errors:");
      r.errorKinds().forEach((kind, n) -> out.printf("    %8d  %s%n", n, kind));
    }
    out.flush();
  }
}
