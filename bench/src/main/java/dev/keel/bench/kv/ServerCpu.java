package dev.keel.bench.kv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time used by the server processes under test, from {@code /proc/<pid>/stat} (user plus
 * system time of all their threads, in clock ticks of 10 ms, Linux' USER_HZ). CPU per request
 * is a steadier measure than throughput on a machine that others share: it changes little when
 * the servers have to wait for a core.
 */
final class ServerCpu {
  private static final long MILLIS_PER_TICK = 10;

  private final List<Long> pids;

  ServerCpu(List<Long> pids) {
    this.pids = List.copyOf(pids);
  }

  boolean isEmpty() {
    return pids.isEmpty();
  }

  /** CPU milliseconds the processes have used so far; a process that is gone counts 0. */
  long cpuMillis() {
    long ticks = 0;
    for (long pid : pids) {
      try {
        ticks += ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
      } catch (IOException e) {
        // exited or not on Linux: nothing to add
      }
    }
    return ticks * MILLIS_PER_TICK;
  }

  /** utime + stime, fields 14 and 15; the command name (field 2) may contain spaces. */
  static long ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
    // fields[0] is field 3 (state), so field n is fields[n - 3]
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
