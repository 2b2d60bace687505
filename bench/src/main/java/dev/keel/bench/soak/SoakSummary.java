package dev.keel.bench.soak;

import dev.keel.bench.kv.Percentiles;
import java.util.Locale;
import java.util.Map;

/** The markdown summary of a soak run: one table of the figures that decide the verdict. */
final class SoakSummary {
  private SoakSummary() {}

  static String markdown(SoakRunResult r) {
    StringBuilder b = new StringBuilder();
    b.append("## ").append(r.name()).append("\n\n");
    b.append(String.format(Locale.ROOT, "**%s**: %,d hollow nodes, %,d pods (%d Deployments),"
            + " %d store replica(s), hold %.0f s after a ramp of %.0f s.%n%n",
        r.verdict(), r.nodes(), r.pods(), r.deployments(), r.replicas(), r.holdSeconds(),
        r.rampSeconds()));
    b.append("| measure (hold) | value |\n|---|---|\n");
    row(b, "nodes Ready (fewest in a second)", String.format(Locale.ROOT, "%,d / %,d", r.minReadyNodes(), r.nodes()));
    row(b, "node Ready transitions away from True", Integer.toString(r.notReady().size()));
    row(b, "pods Running (fewest in a second)", String.format(Locale.ROOT, "%,d / %,d", r.minRunning(), r.pods()));
    row(b, "pods that stopped Running", Integer.toString(r.podsLost().size()));
    row(b, "Lease renewal lag, max / p99 (s)",
        String.format(Locale.ROOT, "%.1f / %.1f", r.leaseLagMaxSeconds(), r.leaseLagP99Seconds()));
    latency(b, "API probe, all calls (ms)", r.api().all());
    latency(b, "GET node (ms)", r.api().get());
    latency(b, "LIST pods, label selector, limit 500 (ms)", r.api().list());
    latency(b, "PATCH lease (ms)", r.api().patch());
    row(b, "API probe errors", Long.toString(r.api().errors()));
    row(b, "JVM CPU, mean / max (% of a core)",
        String.format(Locale.ROOT, "%.0f / %.0f", r.cpuPercent().mean(), r.cpuPercent().max()));
    row(b, "heap after GC, mean / max (MiB)",
        String.format(Locale.ROOT, "%.0f / %.0f (-Xmx %.0f)", r.heapAfterGcMib().mean(),
            r.heapAfterGcMib().max(), r.machine().maxHeapMib()));
    row(b, "JVM CPU seconds, whole run", String.format(Locale.ROOT, "%.0f", r.cpuSecondsTotal()));
    row(b, "uptime at start", r.machine().uptimeStart());
    row(b, "uptime at end", r.machine().uptimeEnd());
    Map<String, Double> hold = r.cpuSecondsByThreads().getOrDefault("hold", Map.of());
    if (!hold.isEmpty()) {
      b.append("\n| thread group (hold) | CPU s |\n|---|---|\n");
      hold.forEach((group, seconds) -> row(b, "`" + group + "`", String.format(Locale.ROOT, "%.1f", seconds)));
    }
    if (!r.failures().isEmpty()) {
      b.append("\nFailed:\n");
      r.failures().forEach(f -> b.append("- ").append(f).append('\n'));
    }
    return b.toString();
  }

  private static void latency(StringBuilder b, String what, Percentiles p) {
    row(b, what + ", p50 / p99 / max", String.format(Locale.ROOT, "%.1f / %.1f / %.1f (%,d calls)",
        p.p50(), p.p99(), p.max(), p.count()));
  }

  private static void row(StringBuilder b, String what, String value) {
    b.append("| ").append(what).append(" | ").append(value).append(" |\n");
  }
}
