package dev.keel.bench.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * This JVM's CPU and heap, read once a second: CPU as the share of the machine's cores used since
 * the previous reading (process CPU time over wall time, 100 % = one core), heap as used after the
 * last collection summed over the heap pools (what survives a GC: the live set, not the garbage
 * in between), and the machine's one-minute load average.
 */
final class ProcessReadings {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()).toList();
  private long lastCpuNanos = os.getProcessCpuTime();
  private long lastWallNanos = System.nanoTime();

  /** Percent of one core used since the previous call (200 = two cores busy). */
  synchronized double cpuPercent() {
    long cpu = os.getProcessCpuTime();
    long wall = System.nanoTime();
    double percent = 100.0 * (cpu - lastCpuNanos) / Math.max(1, wall - lastWallNanos);
    lastCpuNanos = cpu;
    lastWallNanos = wall;
    return percent;
  }

  /** CPU seconds this process has used since it started. */
  double cpuSeconds() {
    return os.getProcessCpuTime() / 1e9;
  }

  /** Heap in use after the last collection of each heap pool, MiB. */
  double heapAfterGcMib() {
    long bytes = 0;
    for (MemoryPoolMXBean p : heapPools) {
      MemoryUsage u = p.getCollectionUsage();
      if (u != null) {
        bytes += u.getUsed();
      }
    }
    return bytes / (1024.0 * 1024.0);
  }

  /** Heap in use now (live and garbage), MiB. */
  double heapUsedMib() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }

  double heapMaxMib() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024.0 * 1024.0);
  }

  double loadAverage() {
    return os.getSystemLoadAverage();
  }
}
