package dev.keel.bench.pods;

import java.util.List;

/**
 * One pod startup run, as written to JSON.
 *
 * @param seconds from the first create sent to the last pod seen Running
 * @param podsPerSecond {@code running / seconds}: pods started per second end to end
 * @param latencyMillis create request sent to {@code status.phase} Running seen by the watch
 * @param samples each pod's create time (ms since the first create) and latency (ms), create order
 * @param deleteSeconds from the first delete sent to the last pod gone from the watch
 */
record PodsRunResult(String name, long startedAtMillis, int pods, int concurrency, int replicas,
    boolean complete, long running, double seconds, double podsPerSecond, Latency latencyMillis,
    List<Sample> samples, long createErrors, double deleteSeconds, boolean allDeleted,
    Machine machine) {

  /** Percentiles in milliseconds. */
  record Latency(double p50, double p90, double p99, double max) {}

  record Sample(String pod, double createdAtMillis, double latencyMillis) {}

  record Machine(int cores, double loadAverageStart, double loadAverageEnd, String jvm,
      String target) {}
}
