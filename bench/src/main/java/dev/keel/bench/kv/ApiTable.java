package dev.keel.bench.kv;

import java.util.List;
import java.util.Locale;

/** The Markdown table of an {@code keel-bench api} run, one row per step. */
final class ApiTable {
  private ApiTable() {}

  static String markdown(List<RunResult> results) {
    StringBuilder sb = new StringBuilder();
    sb.append("| step | requests | errors | throughput (/s) | p50 (ms) | p99 (ms) | max (ms) | detail |\n");
    sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (RunResult r : results) {
      sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %s |%n", r.name(),
          r.ok(), r.errors(), r.throughput(), r.latency().p50(), r.latency().p99(), r.latency().max(),
          detail(r)));
    }
    return sb.toString();
  }

  private static String detail(RunResult r) {
    if (r.counters().containsKey("response-bytes")) {
      return String.format(Locale.ROOT, "%.1f MB per answer", r.counters().get("response-bytes") / 1e6);
    }
    StringBuilder sb = new StringBuilder();
    for (String verb : List.of("create", "update", "delete")) {
      Long p50 = r.counters().get(verb + "-p50-us");
      Long p99 = r.counters().get(verb + "-p99-us");
      if (p50 != null) {
        sb.append(sb.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s p50 %.1f / p99 %.1f",
            verb, p50 / 1000.0, p99 / 1000.0));
      }
    }
    return sb.toString();
  }
}
