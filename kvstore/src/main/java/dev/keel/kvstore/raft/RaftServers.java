package dev.keel.kvstore.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** Builds Ratis' property objects from {@link RaftSettings}; one fresh object per server or client. */
public final class RaftServers {

  private static final SizeInBytes MESSAGE_SIZE_MAX = SizeInBytes.valueOf("8MB");
  private static final SizeInBytes APPENDER_BYTES = SizeInBytes.valueOf("4MB");

  private RaftServers() {}

  /** Properties of one server (never share one object between servers). */
  public static RaftProperties properties(RaftSettings settings, Path storageDir, String host, int port) {
    RaftProperties p = common(settings);
    RaftServerConfigKeys.setStorageDir(p, List.of(storageDir.toFile()));
    GrpcConfigKeys.Server.setHost(p, host);
    GrpcConfigKeys.Server.setPort(p, port);
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, duration(settings.electionTimeoutMin()));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, duration(settings.electionTimeoutMax()));
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, settings.snapshotThreshold());
    RaftServerConfigKeys.Snapshot.setCreationGap(p, 1);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgePreservationLogNum(p, settings.purgePreservation());
    RaftServerConfigKeys.Log.setPurgeGap(p, settings.purgeGap());
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(settings.segmentSizeBytes()));
    RaftServerConfigKeys.Log.setPreallocatedSize(p,
        SizeInBytes.valueOf(Math.min(4L << 20, settings.segmentSizeBytes())));
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf("8MB"));
    // Ratis' default appends a METADATAENTRY (the new commit index) after every commit: a second
    // log entry per write, fsynced and replicated like the first, and queued ahead of the next
    // write on every member's log worker. It only lets a restarted member apply up to its old
    // commit index before hearing from a leader; Raft's safety does not depend on it (the
    // commit index is volatile state in Raft). Off: a lone put measured 2 fsyncs per member
    // before, 1 after (see README, Benchmarks).
    RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, APPENDER_BYTES);
    RaftServerConfigKeys.Log.Appender.setSnapshotChunkSizeMax(p, APPENDER_BYTES);
    // Ratis' default backs off to 5 s per retry after 30 failures, so a follower that comes back
    // after a few seconds down waits that long for its first append; retry at most every 500 ms.
    RaftServerConfigKeys.Log.Appender.setRetryPolicy(p, "1ms,10, 100ms,20, 500ms,1000000");
    RaftServerConfigKeys.Write.setElementLimit(p, 1024);
    RaftServerConfigKeys.Write.setByteLimit(p, SizeInBytes.valueOf("32MB"));
    RaftServerConfigKeys.setStagingTimeout(p, duration(settings.stagingTimeout()));
    return p;
  }

  static RaftProperties client(RaftSettings settings) {
    RaftProperties p = common(settings);
    RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, 1000);
    // One attempt must not use up the whole request budget on a leader that just died or was cut
    // off: give up on it after two election timeouts (a new leader exists by then) and let the
    // retry policy try the next one. Retries of a write keep their call id (the retry cache
    // dedupes them), so this is safe. Found by the fault property (issue 3).
    Duration perAttempt = settings.electionTimeoutMax().multipliedBy(2);
    if (perAttempt.compareTo(Duration.ofSeconds(1)) < 0) {
      perAttempt = Duration.ofSeconds(1);
    }
    if (perAttempt.compareTo(settings.requestTimeout()) < 0) {
      RaftClientConfigKeys.Rpc.setRequestTimeout(p, duration(perAttempt));
    }
    return p;
  }

  private static RaftProperties common(RaftSettings settings) {
    RaftProperties p = new RaftProperties();
    GrpcConfigKeys.setMessageSizeMax(p, MESSAGE_SIZE_MAX);
    RaftServerConfigKeys.Rpc.setRequestTimeout(p, duration(settings.requestTimeout()));
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, duration(settings.requestTimeout()));
    return p;
  }

  static TimeDuration duration(Duration d) {
    return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
  }
}
