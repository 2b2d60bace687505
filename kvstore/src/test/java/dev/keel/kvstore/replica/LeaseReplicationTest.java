package dev.keel.kvstore.replica;

import static dev.keel.kvstore.replica.KvOps.await;
import static dev.keel.kvstore.replica.KvOps.get;
import static dev.keel.kvstore.replica.KvOps.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.kvstore.api.Watch;
import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.LeaseGrantResponse;
import dev.keel.kvstore.proto.LeaseKeepAliveResponse;
import dev.keel.kvstore.proto.LeaseTimeToLiveRequest;
import dev.keel.kvstore.proto.LeaseTimeToLiveResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases in a replicated group; time is a manual clock shared by all replicas. */
class LeaseReplicationTest {

  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();

  private TestCluster start() {
    return TestCluster.start(dir, 3, UnaryOperator.identity(), clock);
  }

  private static long grant(Replica r, long ttl) {
    LeaseGrantResponse g = await(r.kv().leaseGrant(LeaseGrantRequest.newBuilder().setTTL(ttl).build()));
    assertEquals(ttl, g.getTTL());
    return g.getID();
  }

  private static boolean exists(Replica r, long lease) {
    return await(r.kv().leaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setID(lease).build()))
        .getTTL() != -1;
  }

  @Test
  void anExpiredLeaseDeletesItsKeysInOneRevisionOnEveryReplica() {
    try (TestCluster cluster = start()) {
      Replica follower = cluster.follower();
      long lease = grant(follower, 10);
      put(follower.kv(), "a", "1", lease);
      put(follower.kv(), "b", "2", lease);
      long c = put(follower.kv(), "c", "3").getHeader().getRevision();
      List<Event> events = new CopyOnWriteArrayList<>();
      try (Watch w = follower.kv().watch(WatchSpec.all(c + 1), new Collect(events))) {
        clock.advance(Duration.ofSeconds(11));
        Awaits.until(TestCluster.WAIT, "keys of the expired lease deleted",
            () -> get(follower.kv(), "b", false).isEmpty());
        Awaits.until(TestCluster.WAIT, "delete events of the expired lease, got " + events,
            () -> events.size() == 2);
        assertEquals(events.get(0).getKv().getModRevision(), events.get(1).getKv().getModRevision());
        assertEquals(List.of("a", "b"),
            events.stream().map(e -> e.getKv().getKey().toStringUtf8()).toList());
        assertTrue(events.stream().allMatch(e -> e.getType() == Event.EventType.DELETE));
      }
      for (Replica r : cluster.replicas()) {
        assertTrue(get(r.kv(), "a", false).isEmpty(), "a on " + r.config().memberId());
        assertEquals(java.util.Optional.of("3"), get(r.kv(), "c", false));
        assertTrue(!exists(r, lease));
      }
    }
  }

  @Test
  void aLeaderChangeGivesLeasesTheirFullTtlAgain() {
    try (TestCluster cluster = start()) {
      Replica leader = cluster.leader();
      long lease = grant(leader, 10);
      put(leader.kv(), "held", "x", lease);
      clock.advance(Duration.ofSeconds(8));

      String old = leader.config().memberId();
      cluster.stop(old);
      Replica next = cluster.leader();
      // 16 s after the grant, but only 8 s after the new leader took over: still alive.
      clock.advance(Duration.ofSeconds(8));
      long deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
      while (System.nanoTime() < deadline) {
        assertTrue(exists(next, lease), "lease expired early after a leader change");
      }
      clock.advance(Duration.ofSeconds(3));
      Awaits.until(TestCluster.WAIT, "lease expired 10 s after the new leader took over",
          () -> !exists(next, lease));
      assertTrue(get(next.kv(), "held", false).isEmpty());
    }
  }

  @Test
  void keepAliveOnAFollowerRenewsOnTheLeader() {
    try (TestCluster cluster = start()) {
      Replica follower = cluster.follower();
      long lease = grant(follower, 10);
      clock.advance(Duration.ofSeconds(8));
      LeaseKeepAliveResponse renewed = await(follower.kv().leaseKeepAlive(lease));
      assertEquals(10, renewed.getTTL());
      clock.advance(Duration.ofSeconds(7));
      LeaseTimeToLiveResponse ttl = await(follower.kv().leaseTimeToLive(
          LeaseTimeToLiveRequest.newBuilder().setID(lease).setKeys(true).build()));
      assertEquals(3, ttl.getTTL(), "remaining TTL is truncated to seconds");
      assertEquals(10, ttl.getGrantedTTL());
      assertEquals(0, await(follower.kv().leaseKeepAlive(424242)).getTTL(), "unknown lease");
      clock.advance(Duration.ofSeconds(4));
      Awaits.until(TestCluster.WAIT, "lease expired", () -> !exists(follower, lease));
    }
  }

  @Test
  void grantsBelowTheMinimumTtlAreRaised() {
    try (TestCluster cluster = start()) {
      LeaseGrantResponse g = await(cluster.follower().kv()
          .leaseGrant(LeaseGrantRequest.newBuilder().setTTL(1).build()));
      assertEquals(2, g.getTTL());
      assertTrue(g.getID() > 0);
    }
  }

  private record Collect(List<Event> events) implements WatchListener {
    @Override
    public void onEvents(List<Event> batch) {
      events.addAll(batch);
    }

    @Override
    public void onCompacted(long compactRevision) {
      throw new AssertionError("compacted at " + compactRevision);
    }
  }
}
