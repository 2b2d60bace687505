package dev.keel.bench.kv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one run, as written to its JSON file.
 *
 * @param name step name, e.g. "put-64" (runs with the same name are compared)
 * @param label the system measured, e.g. "keel" or "etcd"
 * @param workload put, range, txn or watch
 * @param startedAtMillis wall-clock start (epoch milliseconds); orders the steps of a comparison
 * @param options the run's options ({@link LoadSpec#describe()})
 * @param ok successful requests (watch: events delivered) while measuring
 * @param errors failed requests (watch: failed puts plus events never delivered)
 * @param seconds measured time, from the end of the warm-up to the last reply
 * @param throughput {@code ok / seconds}
 * @param latency over the whole measured time (watch: put sent to event delivered)
 * @param timeline one point per second
 * @param errorKinds failures by gRPC status and message
 * @param counters workload-specific counts (compare-and-swap outcomes, watch puts and events)
 */
record RunResult(String name, String label, String workload, long startedAtMillis,
    Map<String, String> options, long ok, long errors, double seconds, double throughput,
    Percentiles latency, List<TimelinePoint> timeline, Map<String, Long> errorKinds,
    Map<String, Long> counters) {

  RunResult {
    if (name == null || name.isBlank() || label == null || label.isBlank()) {
      throw new IllegalArgumentException("a run needs a name and a label, got name='" + name
          + "' label='" + label + "'");
    }
    options = ordered(options);
    timeline = List.copyOf(timeline);
    errorKinds = ordered(errorKinds);
    counters = ordered(counters);
  }

  private static <V> Map<String, V> ordered(Map<String, V> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m == null ? Map.of() : m));
  }

  RunResult withNameAndLabel(String newName, String newLabel) {
    return new RunResult(newName, newLabel, workload, startedAtMillis, options, ok, errors,
        seconds, throughput, latency, timeline, errorKinds, counters);
  }
}
