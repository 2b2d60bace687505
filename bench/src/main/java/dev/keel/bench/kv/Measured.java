package dev.keel.bench.kv;

import java.util.List;
import java.util.Map;

/** What a {@link LatencyRecorder} saw over the measured time of a run. */
record Measured(long ok, long errors, double seconds, Percentiles latency,
    List<TimelinePoint> timeline, Map<String, Long> errorKinds) {

  double throughput() {
    return seconds <= 0 ? 0 : ok / seconds;
  }

  RunResult toResult(String name, String label, LoadSpec spec, long startedAtMillis,
      Map<String, Long> counters) {
    return new RunResult(name, label, spec.workload().name().toLowerCase(), startedAtMillis,
        spec.describe(), ok, errors, seconds, throughput(), latency, timeline, errorKinds,
        counters);
  }
}
