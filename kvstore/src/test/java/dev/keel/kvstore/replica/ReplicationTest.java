package dev.keel.kvstore.replica;

import static dev.keel.kvstore.replica.KvOps.get;
import static dev.keel.kvstore.replica.KvOps.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.kvstore.proto.PutResponse;
import dev.keel.kvstore.proto.RangeResponse;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicationTest {

  @TempDir Path dir;

  @Test
  void writesOnLeaderAndFollowerAreReadOnEveryReplica() {
    try (TestCluster cluster = TestCluster.start(dir, 3)) {
      Replica leader = cluster.leader();
      Replica follower = cluster.follower();

      PutResponse first = put(leader.kv(), "a", "1");
      PutResponse second = put(follower.kv(), "b", "2");
      assertEquals(2, first.getHeader().getRevision());
      assertEquals(3, second.getHeader().getRevision());

      for (Replica r : cluster.replicas()) {
        assertEquals(Optional.of("1"), get(r.kv(), "a", false), "linearizable a on " + r.config().memberId());
        assertEquals(Optional.of("2"), get(r.kv(), "b", false), "linearizable b on " + r.config().memberId());
      }
    }
  }

  @Test
  void responsesCarryAFullHeader() {
    try (TestCluster cluster = TestCluster.start(dir, 3)) {
      Replica leader = cluster.leader();
      put(leader.kv(), "k", "v");
      Set<Long> members = cluster.replicas().stream()
          .map(r -> KvOps.range(r.kv(), "k", false).getHeader().getMemberId())
          .collect(Collectors.toSet());
      assertEquals(3, members.size(), "each replica reports its own member id");
      RangeResponse r = KvOps.range(leader.kv(), "k", false);
      assertNotEquals(0, r.getHeader().getClusterId());
      assertTrue(r.getHeader().getRaftTerm() >= 1);
      assertEquals(2, r.getHeader().getRevision());
      long cluster1 = KvOps.range(cluster.follower().kv(), "k", false).getHeader().getClusterId();
      assertEquals(r.getHeader().getClusterId(), cluster1);
    }
  }

  @Test
  void aSingleReplicaGroupServesReadsAndWrites() {
    try (TestCluster cluster = TestCluster.start(dir, 1)) {
      Replica only = cluster.leader();
      for (int i = 0; i < 20; i++) {
        put(only.kv(), "k" + i, "v" + i);
      }
      assertEquals(Optional.of("v7"), get(only.kv(), "k7", false));
      assertEquals(Optional.of("v19"), get(only.kv(), "k19", true));
      assertEquals(21, only.kv().revision());
    }
  }
}
