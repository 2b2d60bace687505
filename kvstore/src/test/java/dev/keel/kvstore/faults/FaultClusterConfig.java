package dev.keel.kvstore.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link FaultCluster}.
 *
 * @param baseDir holds every member's data dir, log file and hosts file
 * @param size number of members (3 for the fault tests; at most 9)
 * @param electionMin lower bound of the election timeout (default 500 ms)
 * @param electionMax upper bound (default 1 s)
 * @param snapshotThreshold log entries between snapshots; low, so that a member kept down for a few
 *     seconds finds the log purged and needs a snapshot (default 200)
 * @param purgePreservation entries kept behind a snapshot (default 20)
 * @param segmentBytes log segment size; small, since only closed segments are purged (default 16 KiB)
 * @param maxHeap -Xmx of each member JVM (default 256m)
 * @param waitTimeout bound of every wait for the cluster: start, a leader, healing (default 120 s: a member JVM
 *     took 50 s to start on the shared 2-core machine at load 25)
 */
record FaultClusterConfig(
    Path baseDir,
    int size,
    Duration electionMin,
    Duration electionMax,
    long snapshotThreshold,
    long purgePreservation,
    long segmentBytes,
    String maxHeap,
    Duration waitTimeout) {

  FaultClusterConfig {
    Objects.requireNonNull(baseDir, "baseDir");
    if (size < 1 || size > 9) {
      throw new IllegalArgumentException("size must be 1..9, got " + size);
    }
  }

  static FaultClusterConfig defaults(Path baseDir) {
    return new FaultClusterConfig(baseDir, 3, Duration.ofMillis(500), Duration.ofMillis(1000), 100,
        20, 16 * 1024, "256m", Duration.ofSeconds(120));
  }
}
