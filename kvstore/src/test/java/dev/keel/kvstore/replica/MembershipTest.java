package dev.keel.kvstore.replica;

import static dev.keel.kvstore.replica.KvOps.await;
import static dev.keel.kvstore.replica.KvOps.get;
import static dev.keel.kvstore.replica.KvOps.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.proto.Member;
import dev.keel.kvstore.proto.MemberAddRequest;
import dev.keel.kvstore.proto.MemberAddResponse;
import dev.keel.kvstore.proto.MemberListResponse;
import dev.keel.kvstore.proto.MemberRemoveRequest;
import dev.keel.kvstore.proto.StatusResponse;
import dev.keel.kvstore.raft.RaftSettings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MembershipTest {

  @TempDir Path dir;

  private static Set<String> names(MemberListResponse list) {
    return list.getMembersList().stream().map(Member::getName).collect(Collectors.toSet());
  }

  @Test
  void anAddedMemberCatchesUpThroughASnapshot() {
    RaftSettings snapshotting = TestCluster.FAST.withSnapshots(2, 0, 1).withSegmentSizeBytes(4096);
    try (TestCluster cluster = TestCluster.start(dir, 3, c -> c.withRaft(snapshotting))) {
      Replica leader = cluster.leader();
      for (int round = 0; round < 3; round++) {
        java.util.List<java.util.concurrent.CompletableFuture<?>> writes = new java.util.ArrayList<>();
        for (int i = round * 10; i < round * 10 + 10; i++) {
          writes.add(leader.kv().put(dev.keel.kvstore.proto.PutRequest.newBuilder()
              .setKey(KvOps.bytes("k" + i)).setValue(KvOps.bytes("v" + i)).build()));
        }
        writes.forEach(KvOps::await);
      }
      Replica added = cluster.startJoining("n4");
      PeerSpec spec = cluster.peers().get(3);
      MemberAddResponse response = await(leader.kv().memberAdd(MemberAddRequest.newBuilder()
          .addPeerURLs("http://n4@" + spec.address()).build()));
      assertEquals("n4", response.getMember().getName());
      assertEquals(4, response.getMembersCount());

      Awaits.until(TestCluster.WAIT, "k29 on the new member",
          () -> get(added.kv(), "k29", true).isPresent());
      assertEquals(Optional.of("v0"), get(added.kv(), "k0", false));
      put(added.kv(), "from-n4", "yes");
      assertEquals(Optional.of("yes"), get(leader.kv(), "from-n4", false));
      assertEquals(Set.of("n1", "n2", "n3", "n4"), names(await(added.kv().memberList())));
    }
  }

  @Test
  void aRemovedMemberLeavesTheListAndTheRestKeepsWriting() {
    try (TestCluster cluster = TestCluster.start(dir, 3)) {
      Replica leader = cluster.leader();
      Replica follower = cluster.follower();
      long followerId = follower.service().memberId();
      await(leader.kv().memberRemove(MemberRemoveRequest.newBuilder().setID(followerId).build()));
      cluster.stop(follower.config().memberId());

      MemberListResponse list = await(leader.kv().memberList());
      assertEquals(2, list.getMembersCount());
      assertTrue(list.getMembersList().stream().noneMatch(m -> m.getID() == followerId));
      put(leader.kv(), "after", "remove");
      for (Replica r : cluster.replicas()) {
        assertEquals(Optional.of("remove"), get(r.kv(), "after", false));
      }
      KvException unknown = assertThrows(KvException.class, () -> await(leader.kv()
          .memberRemove(MemberRemoveRequest.newBuilder().setID(followerId).build())));
      assertEquals(KvError.MEMBER_NOT_FOUND, unknown.error());
    }
  }

  /**
   * Ratis shuts the division of a member outside the configuration down and leaves the server
   * running; the replica must stop then and say why (etcd's removed member exits), not linger
   * unable to serve or to be added again (found by the fault property: a re-added member whose
   * add did not complete).
   */
  @Test
  void aRemovedMemberThatKeepsRunningStopsAndSaysWhy() {
    try (TestCluster cluster = TestCluster.start(dir, 3)) {
      Replica leader = cluster.leader();
      Replica follower = cluster.follower();
      await(leader.kv().memberRemove(MemberRemoveRequest.newBuilder()
          .setID(follower.service().memberId()).build()));

      String reason = follower.stopped().orTimeout(TestCluster.WAIT.toSeconds(),
          java.util.concurrent.TimeUnit.SECONDS).join();
      assertTrue(reason.contains("permanently removed from the cluster"), reason);
      assertTrue(reason.contains(follower.config().memberId()), reason);
      assertTrue(follower.raftServer().getLifeCycleState().isClosingOrClosed(),
          "the stopped replica closed its Raft server");

      put(leader.kv(), "after", "stop");
      assertEquals(Optional.of("stop"), get(leader.kv(), "after", false));
      assertTrue(!leader.stopped().isDone(), "the leader keeps running");
    }
  }

  @Test
  void leadershipMovesToTheChosenMember() {
    try (TestCluster cluster = TestCluster.start(dir, 3)) {
      Replica leader = cluster.leader();
      Replica target = cluster.follower();
      await(leader.service().moveLeader(target.service().memberId()));
      Awaits.until(TestCluster.WAIT, "leadership on " + target.config().memberId(),
          () -> target.service().isLeader());
      StatusResponse status = await(leader.kv().status());
      assertEquals(target.service().memberId(), status.getLeader());
      assertTrue(status.getRaftIndex() >= status.getRaftAppliedIndex() - 1);
      assertEquals(0, status.getErrorsCount());
      put(target.kv(), "k", "v");
      assertEquals(Optional.of("v"), get(leader.kv(), "k", false));
    }
  }
}
