package dev.keel.kvstore.faults;

import java.nio.file.Path;
import java.util.List;

/**
 * What one fault run found.
 *
 * @param seed the run's seed (workload and victim choices)
 * @param schedule the faults planned
 * @param nemesisEvents what the nemesis did, with times
 * @param summary counts of operations and outcomes, watch streams, final revision, state hash
 * @param problems every anomaly found; empty when the run passed
 * @param dir where the members' data and logs are (kept when the run failed)
 */
record RunReport(long seed, FaultSchedule schedule, List<String> nemesisEvents, String summary,
    List<String> problems, Path dir) {

  RunReport {
    nemesisEvents = List.copyOf(nemesisEvents);
    problems = List.copyOf(problems);
  }

  boolean passed() {
    return problems.isEmpty();
  }

  String describe() {
    StringBuilder out = new StringBuilder();
    out.append(passed() ? "fault run passed" : "FAULT RUN FAILED").append(", seed ").append(seed)
        .append('\n').append("schedule: ").append(schedule).append('\n')
        .append("nemesis:\n");
    nemesisEvents.forEach(e -> out.append("  ").append(e).append('\n'));
    out.append(summary).append('\n');
    for (String problem : problems) {
      out.append("--- problem ---\n").append(problem).append('\n');
    }
    if (!passed()) {
      out.append("member logs and data: ").append(dir.toAbsolutePath()).append('\n');
    }
    return out.toString();
  }
}
