package dev.keel.kvstore.raft;

import java.time.Duration;

/**
 * Ratis tuning of one replica. Defaults follow shared/notes/ratis.md §7 (dev column).
 *
 * @param electionTimeoutMin lower bound of the randomised election timeout (default 500 ms)
 * @param electionTimeoutMax upper bound (default 1 s); heartbeats go about every min/2
 * @param requestTimeout Ratis' per-attempt RPC timeout (default 5 s)
 * @param snapshotThreshold applied entries after which a snapshot is taken (default 10 000)
 * @param purgePreservation log entries kept behind a snapshot, so a briefly lagging follower
 *     gets log instead of a snapshot (default 5 000)
 * @param purgeGap minimum number of entries between two log purges (Ratis default 1024)
 * @param segmentSizeBytes largest log segment (default 8 MiB); purges delete closed segments only
 * @param stagingTimeout how long a new member may take to catch up (default 30 s)
 */
public record RaftSettings(
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    Duration requestTimeout,
    long snapshotThreshold,
    long purgePreservation,
    int purgeGap,
    long segmentSizeBytes,
    Duration stagingTimeout) {

  public RaftSettings {
    if (electionTimeoutMin.isNegative() || electionTimeoutMin.isZero()
        || electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
      throw new IllegalArgumentException("election timeouts must satisfy 0 < min < max, got "
          + electionTimeoutMin.toMillis() + "/" + electionTimeoutMax.toMillis() + " ms");
    }
    if (snapshotThreshold < 1 || purgePreservation < 0 || purgeGap < 1) {
      throw new IllegalArgumentException("snapshotThreshold and purgeGap must be >= 1 and "
          + "purgePreservation >= 0, got " + snapshotThreshold + "/" + purgeGap + "/"
          + purgePreservation);
    }
  }

  public static RaftSettings defaults() {
    return new RaftSettings(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
        10_000, 5_000, 1024, 8L << 20, Duration.ofSeconds(30));
  }

  public RaftSettings withElectionTimeouts(Duration min, Duration max) {
    return new RaftSettings(min, max, requestTimeout, snapshotThreshold, purgePreservation,
        purgeGap, segmentSizeBytes, stagingTimeout);
  }

  /** Snapshot every {@code threshold} entries, keep {@code preservation} entries behind it. */
  public RaftSettings withSnapshots(long threshold, long preservation, int gap) {
    return new RaftSettings(electionTimeoutMin, electionTimeoutMax, requestTimeout, threshold,
        preservation, gap, segmentSizeBytes, stagingTimeout);
  }

  public RaftSettings withSegmentSizeBytes(long bytes) {
    return new RaftSettings(electionTimeoutMin, electionTimeoutMax, requestTimeout,
        snapshotThreshold, purgePreservation, purgeGap, bytes, stagingTimeout);
  }
}
