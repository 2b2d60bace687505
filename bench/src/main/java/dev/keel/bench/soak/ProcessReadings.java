package dev.keel.bench.soak;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's CPU and heap, read once a second: CPU as the share of the machine's cores used since
 * the previous reading (process CPU time over wall time, 100 % = one core), heap as used right
 * after the latest collection of any kind (young or old; from the collectors' notifications,
 * summed over the heap pools), and the machine's one-minute load average. {@link #close} stops
 * listening to the collectors.
 */
final class ProcessReadings implements AutoCloseable {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
      .collect(Collectors.toSet());
  private final AtomicLong heapAfterGcBytes = new AtomicLong();
  private final NotificationListener listener = (n, handback) -> {
    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
      long bytes = 0;
      for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
        if (heapPools.contains(e.getKey())) {
          bytes += e.getValue().getUsed();
        }
      }
      heapAfterGcBytes.set(bytes);
    }
  };
  private long lastCpuNanos = os.getProcessCpuTime();
  private long lastWallNanos = System.nanoTime();

  ProcessReadings() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
      }
    }
  }

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

  /** Heap in use right after the latest collection, MiB (0 before the first one). */
  double heapAfterGcMib() {
    return heapAfterGcBytes.get() / (1024.0 * 1024.0);
  }

  double heapMaxMib() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / (1024.0 * 1024.0);
  }

  /** File descriptors this process has open (sockets included), -1 if unknown. */
  long openFiles() {
    return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
  }

  double loadAverage() {
    return os.getSystemLoadAverage();
  }

  @Override
  public void close() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        try {
          emitter.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
          // not registered on this one
        }
      }
    }
  }
}
