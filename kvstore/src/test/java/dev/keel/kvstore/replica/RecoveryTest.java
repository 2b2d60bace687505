package dev.keel.kvstore.replica;

import static dev.keel.kvstore.replica.KvOps.await;
import static dev.keel.kvstore.replica.KvOps.bytes;
import static dev.keel.kvstore.replica.KvOps.get;
import static dev.keel.kvstore.replica.KvOps.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.PutResponse;
import dev.keel.kvstore.raft.RaftSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.ratis.server.RaftServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {

  @TempDir Path dir;

  @Test
  void aRestartedLeaderLosesNoAcknowledgedWriteAndCatchesUp() {
    try (TestCluster cluster = TestCluster.start(dir, 3)) {
      Replica leader = cluster.leader();
      String oldLeader = leader.config().memberId();
      List<CompletableFuture<PutResponse>> writes = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        writes.add(leader.kv().put(PutRequest.newBuilder()
            .setKey(bytes("k" + i)).setValue(bytes("v" + i)).build()));
      }
      writes.forEach(KvOps::await);

      cluster.stop(oldLeader);
      Replica next = cluster.leader();
      assertNotEquals(oldLeader, next.config().memberId());
      for (int i = 50; i < 60; i++) {
        put(next.kv(), "k" + i, "v" + i);
      }

      Replica restarted = cluster.startMember(oldLeader);
      for (int i = 0; i < 60; i++) {
        assertEquals(Optional.of("v" + i), get(restarted.kv(), "k" + i, false), "k" + i);
      }
      assertEquals(61, restarted.kv().revision());
    }
  }

  @Test
  void concurrentWritesAreBatchedAndEachGetsItsOwnRevision() {
    try (TestCluster cluster = TestCluster.start(dir, 3)) {
      Replica follower = cluster.follower();
      List<CompletableFuture<PutResponse>> writes = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        writes.add(follower.kv().put(PutRequest.newBuilder()
            .setKey(bytes("k" + i)).setValue(bytes("v" + i)).build()));
      }
      long distinct = writes.stream().map(KvOps::await)
          .mapToLong(r -> r.getHeader().getRevision()).distinct().count();
      assertEquals(200, distinct);
      Replica leader = cluster.leader();
      long lastIndex = division(leader).getRaftLog().getLastCommittedIndex();
      assertTrue(lastIndex < 200, "200 writes took " + lastIndex + " log entries: not batched");
    }
  }

  @Test
  void aFollowerThatMissedPurgedLogGetsTheSnapshot() throws IOException {
    RaftSettings snapshotting = TestCluster.FAST.withSnapshots(20, 0, 1).withSegmentSizeBytes(4096);
    try (TestCluster cluster = TestCluster.start(dir, 3, c -> c.withRaft(snapshotting))) {
      Replica leader = cluster.leader();
      String lagging = cluster.follower().config().memberId();
      put(leader.kv(), "before", "x");
      Awaits.until(TestCluster.WAIT, "write applied on " + lagging,
          () -> get(cluster.get(lagging).kv(), "before", true).isPresent());
      long laggingLast = division(cluster.get(lagging)).getRaftLog().getLastCommittedIndex();
      cluster.stop(lagging);

      // Write in small concurrent rounds until the leader has purged the log the follower needs.
      String value = "v".repeat(1000);
      int written = 0;
      long deadline = System.nanoTime() + TestCluster.WAIT.toNanos();
      while (division(leader).getRaftLog().getStartIndex() <= laggingLast + 1) {
        assertTrue(System.nanoTime() < deadline, "leader log never purged past " + laggingLast);
        List<CompletableFuture<PutResponse>> writes = new ArrayList<>();
        for (int i = 0; i < 5; i++, written++) {
          writes.add(leader.kv().put(PutRequest.newBuilder()
              .setKey(bytes("k" + written)).setValue(bytes(value)).build()));
        }
        writes.forEach(KvOps::await);
      }
      int total = written;

      Replica back = cluster.startMember(lagging);
      Awaits.until(TestCluster.WAIT, "the last write on " + lagging,
          () -> get(back.kv(), "k" + (total - 1), true).isPresent());
      for (int i = 0; i < total; i += 7) {
        assertEquals(Optional.of(value), get(back.kv(), "k" + i, true), "k" + i);
      }
      assertEquals(Optional.of("x"), get(back.kv(), "before", true));
      try (Stream<Path> dbs = Files.list(dir.resolve(lagging))) {
        assertTrue(dbs.anyMatch(p -> p.getFileName().toString().matches("db-[2-9]")),
            "the follower opened an installed snapshot as a new database generation");
      }
    }
  }

  static RaftServer.Division division(Replica replica) {
    try {
      return replica.raftServer().getDivision(Replica.groupId(replica.config().clusterName()));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
