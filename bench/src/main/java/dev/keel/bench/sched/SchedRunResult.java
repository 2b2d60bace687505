package dev.keel.bench.sched;

import java.util.List;
import java.util.Map;

/**
 * One scheduling throughput run, as written to JSON.
 *
 * @param initPods pods created and bound before the measured ones (scheduler_perf's initPods), not counted
 * @param initSeconds how long creating and binding the initial pods took
 * @param seconds from the first pod create sent to the last binding seen by the watch
 * @param podsPerSecond {@code pods / seconds}: pods bound per second end to end
 * @param createSeconds from the first create sent to the last create answered
 * @param latencyMillis from a pod's create request to its binding seen by the watch
 * @param boundPerSecond bindings seen in each second since the first create
 * @param createdPerSecond creates answered in each second since the first create
 * @param bindings successful binding calls of the scheduler for the measured pods (equal to
 *     {@code pods} when no pod was bound twice or lost)
 * @param moved pods whose node changed after binding (must be 0)
 * @param cpuMillisPerPod CPU time of this JVM (store, apiserver, scheduler and the harness when
 *     they run in it) from the first create to the last binding, per pod: unlike pods per second,
 *     it hardly depends on what else runs on the machine
 * @param cpuSecondsByThreads CPU seconds of the same phase by thread group (names without their
 *     numbers), the largest first, and "JIT, GC, ended threads" for the rest of the process
 * @param loadAverage the machine's 1-minute load average at the start and at the end
 */
record SchedRunResult(String name, long startedAtMillis, int nodes, int initPods, double initSeconds,
    int pods, boolean complete,
    double seconds, double podsPerSecond, double createSeconds, double createsPerSecond,
    Latency latencyMillis, List<Long> boundPerSecond, List<Long> createdPerSecond, long bindings,
    long moved, long createErrors, double cpuMillisPerPod, Map<String, Double> cpuSecondsByThreads,
    Machine machine) {

  /** Percentiles in milliseconds. */
  record Latency(double p50, double p90, double p99, double max) {}

  record Machine(int cores, double loadAverageStart, double loadAverageEnd, String jvm,
      String transport) {}
}
