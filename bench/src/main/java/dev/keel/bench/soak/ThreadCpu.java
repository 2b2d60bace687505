package dev.keel.bench.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which parts of this JVM use the CPU: thread CPU time summed by thread group, a thread's name with
 * its numbers and node names taken out ({@code node-fleet-12} and {@code node-fleet-3} are one
 * group, {@code grpc-default-executor-7} another). A snapshot at two moments gives each group's
 * share of a phase; threads that ended in between are not counted.
 */
public final class ThreadCpu {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** CPU nanoseconds of each thread so far, by thread id, with the thread's group. */
  public record Snapshot(Map<Long, String> groups, Map<Long, Long> cpuNanos) {}

  public Snapshot snapshot() {
    Map<Long, String> groups = new HashMap<>();
    Map<Long, Long> cpu = new HashMap<>();
    if (!threads.isThreadCpuTimeSupported()) {
      return new Snapshot(groups, cpu);
    }
    for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t == null) {
        continue;
      }
      long nanos = threads.getThreadCpuTime(t.getThreadId());
      if (nanos >= 0) {
        groups.put(t.getThreadId(), group(t.getThreadName()));
        cpu.put(t.getThreadId(), nanos);
      }
    }
    return new Snapshot(groups, cpu);
  }

  /** The name without digits runs and hex ids, e.g. "grpc-default-executor-#". */
  static String group(String threadName) {
    return threadName.replaceAll("soak-\\d+x\\d+-\\d+-\\d+-node-\\d+", "<node>")
        .replaceAll("[0-9a-fA-F]{8,}", "#").replaceAll("\\d+", "#");
  }

  /**
   * CPU seconds each group used between {@code from} and {@code to}, the {@code top} largest first,
   * the rest summed as "other".
   */
  public static Map<String, Double> between(Snapshot from, Snapshot to, int top) {
    Map<String, Double> seconds = new HashMap<>();
    to.cpuNanos().forEach((id, nanos) -> {
      long delta = nanos - from.cpuNanos().getOrDefault(id, 0L);
      seconds.merge(to.groups().get(id), delta / 1e9, Double::sum);
    });
    Map<String, Double> out = new LinkedHashMap<>();
    double[] other = {0};
    seconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> {
          if (out.size() < top) {
            out.put(e.getKey(), Math.round(e.getValue() * 10) / 10.0);
          } else {
            other[0] += e.getValue();
          }
        });
    if (other[0] > 0) {
      out.put("other", Math.round(other[0] * 10) / 10.0);
    }
    return out;
  }
}
