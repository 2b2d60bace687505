package dev.keel.bench.soak;

import dev.keel.bench.kv.Percentiles;
import java.util.List;
import java.util.Map;

/**
 * One soak run, as written to JSON.
 *
 * @param fleetSeconds starting the node agents (each registers its Node)
 * @param rampSeconds from the first Deployment created to every pod Running (or the ramp timeout)
 * @param holdSeconds how long the pods were held
 * @param verdict "kept up", or what fell behind
 * @param failures each failed criterion in words (empty when kept up)
 * @param api probe latencies of the hold (ms): GET node, LIST pods, PATCH lease, and all three
 * @param cpuPercent this JVM's CPU during the hold, percent of one core (mean and max of the seconds)
 * @param heapAfterGcMib heap after GC during the hold (mean and max)
 * @param leaseLagMaxSeconds largest renewal lag of any fleet Lease in any reading of the hold;
 *     leaseLagP99Seconds the largest per-reading p99
 * @param notReady fleet nodes whose Ready condition left True, at any time of the run
 * @param podsLost pods that stopped Running during the hold
 * @param minRunning fewest Running pods in a second of the hold; minReadyNodes likewise
 * @param cpuSecondsByThreads CPU seconds of this JVM's thread groups (numbers taken out of the
 *     names) in each phase ("fleet", "ramp", "hold"), largest first: which component used the CPU
 * @param samples every tenth second of the run (the chart has them all)
 */
record SoakRunResult(String name, long startedAtMillis, int nodes, int pods, int deployments,
    int replicas, double fleetSeconds, boolean rampComplete, double rampSeconds, double holdSeconds, boolean keptUp,
    String verdict, List<String> failures, Api api, Stats cpuPercent, Stats heapAfterGcMib,
    double leaseLagMaxSeconds, double leaseLagP99Seconds, int minRunning, int minReadyNodes,
    List<ClusterView.NotReady> notReady, List<ClusterView.PodLost> podsLost, double cpuSecondsTotal,
    Map<String, Map<String, Double>> cpuSecondsByThreads, Machine machine, List<SoakSample> samples) {

  /** The SLO of Kubernetes for API calls: p99 of (non-streaming) calls below one second. */
  static final double API_P99_LIMIT_MILLIS = 1000;

  record Api(Percentiles get, Percentiles list, Percentiles patch, Percentiles all, long errors,
      String lastError) {}

  record Stats(double mean, double max) {
    static Stats of(List<Double> values) {
      return new Stats(values.stream().mapToDouble(Double::doubleValue).average().orElse(0),
          values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }
  }

  /**
   * @param uptimeStart output of {@code uptime} when the run began; uptimeEnd when it ended
   * @param maxHeapMib the JVM's -Xmx
   */
  record Machine(int cores, String uptimeStart, String uptimeEnd, String jvm, double maxHeapMib,
      String target) {}

  /** The failed criteria: any fleet node NotReady/Unknown, pods not all Running, API p99 >= 1 s. */
  static List<String> failures(boolean rampComplete, int pods, int minRunning,
      List<ClusterView.NotReady> notReady, List<ClusterView.PodLost> podsLost, Api api) {
    List<String> out = new java.util.ArrayList<>();
    if (!rampComplete) {
      out.add("not every pod was Running by the end of the ramp");
    }
    if (!notReady.isEmpty()) {
      ClusterView.NotReady first = notReady.get(0);
      out.add(notReady.size() + " node Ready transition(s) away from True (first: " + first.node()
          + " -> " + first.status() + ")");
    }
    if (minRunning < pods || !podsLost.isEmpty()) {
      out.add("pods did not all stay Running: fewest Running in the hold " + minRunning + "/" + pods
          + ", " + podsLost.size() + " stopped Running");
    }
    if (api.all().count() == 0) {
      out.add("the API probe measured nothing (" + api.errors() + " errors)");
    } else if (api.all().p99() >= API_P99_LIMIT_MILLIS) {
      out.add(String.format(java.util.Locale.ROOT, "API probe p99 %.0f ms >= 1 s", api.all().p99()));
    }
    if (api.errors() > 0) {
      out.add(api.errors() + " API probe call(s) failed (last: " + api.lastError() + ")");
    }
    return out;
  }
}
