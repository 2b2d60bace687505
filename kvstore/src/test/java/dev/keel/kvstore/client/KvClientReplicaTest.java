package dev.keel.kvstore.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.grpc.ReplicaGroup;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.PutRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** KvClient against three real replicas: failover of calls and watches, lease keep-alive. */
class KvClientReplicaTest {
  @TempDir Path dir;

  private static ByteString bs(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void callsAndWatchesSurviveTheLossOfTheirReplica() throws Exception {
    callsAndWatchesSurviveTheLossOfTheirReplica(ReplicaGroup::endpoints);
  }

  /**
   * The same over the in-process endpoints a client in the replicas' JVM uses (keel up's
   * apiserver), which call the replicas directly.
   */
  @Test
  void inProcessCallsAndWatchesSurviveTheLossOfTheirReplica() throws Exception {
    callsAndWatchesSurviveTheLossOfTheirReplica(KvClientReplicaTest::direct);
  }

  /** The same through grpc-java's in-process transport. */
  @Test
  void inProcessGrpcCallsAndWatchesSurviveTheLossOfTheirReplica() throws Exception {
    callsAndWatchesSurviveTheLossOfTheirReplica(group -> group.replicas().stream()
        .map(r -> r.inProcessGrpcEndpoint().orElseThrow()).toList());
  }

  private static List<String> direct(ReplicaGroup group) {
    return group.replicas().stream().map(r -> r.inProcessEndpoint().orElseThrow()).toList();
  }

  /**
   * A write and a linearizable read that cannot complete (the replica lost its quorum) fail at the
   * client's deadline with DEADLINE_EXCEEDED, before the store's own request timeout; over the
   * network and in-process alike.
   */
  @Test
  void callsPastTheirDeadlineFailWithDeadlineExceeded() throws Exception {
    try (ReplicaGroup group = ReplicaGroup.start(dir, 3)) {
      List<String> network = group.endpoints().subList(0, 1);
      List<String> local = direct(group).subList(0, 1);
      group.replicas().get(2).close();
      group.replicas().get(1).close();
      for (List<String> endpoints : List.of(local, network)) {
        try (KvClient client = new KvClient(KvClientConfig.of(endpoints)
            .withCallTimeout(Duration.ofSeconds(1)))) {
          for (Executable call : List.<Executable>of(
              () -> client.put(bs("d/k"), bs("v")), () -> client.get(bs("d/k")))) {
            StatusRuntimeException late = assertThrows(StatusRuntimeException.class, call);
            assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode(),
                endpoints + ": " + late);
          }
        }
      }
    }
  }

  private void callsAndWatchesSurviveTheLossOfTheirReplica(
      Function<ReplicaGroup, List<String>> endpoints) throws Exception {
    try (ReplicaGroup group = ReplicaGroup.start(dir, 3);
        KvClient client = new KvClient(KvClientConfig.of(endpoints.apply(group))
            .withCallTimeout(Duration.ofSeconds(15)))) {
      RecordingListener listener = new RecordingListener();
      try (KvWatch watch = client.watch(WatchOptions.prefix(bs("f/")), listener)) {
        listener.created.get(10, TimeUnit.SECONDS);
        long first = client.put(bs("f/1"), bs("a")).getHeader().getRevision();
        assertEquals(first, listener.take(1).get(0).getKv().getModRevision());

        group.replicas().get(0).close(); // the first endpoint: calls and the watch use it

        long second = client.put(bs("f/2"), bs("b")).getHeader().getRevision();
        long third = client.put(bs("f/3"), bs("c")).getHeader().getRevision();
        assertEquals("b", client.get(bs("f/2")).orElseThrow().getValue().toStringUtf8());
        List<Event> after = listener.take(2);
        assertEquals(List.of(second, third),
            after.stream().map(e -> e.getKv().getModRevision()).toList());
        assertNull(listener.events.poll(200, TimeUnit.MILLISECONDS), "no duplicates");
        assertFalse(listener.error.isDone());
      }
    }
  }

  @Test
  void keepAliveHoldsALeaseAndItsKeysGoWhenItStops() throws Exception {
    try (ReplicaGroup group = ReplicaGroup.start(dir, 3);
        KvClient client = new KvClient(KvClientConfig.of(group.endpoints()))) {
      long lease = client.leaseGrant(2).getID();
      long granted = System.nanoTime();
      LinkedBlockingQueue<Long> renewals = new LinkedBlockingQueue<>();
      // Keep-alive starts at once: the put and the watch below may take longer than the 2 s TTL on a busy machine.
      LeaseKeepAlive keepAlive = client.leaseKeepAlive(lease, r -> renewals.add(r.getTTL()));
      long putRevision = client.put(PutRequest.newBuilder().setKey(bs("l/k")).setValue(bs("v"))
          .setLease(lease).build()).getHeader().getRevision();
      RecordingListener listener = new RecordingListener();
      // Start after the put explicitly: a watch "from now" on a follower that has not applied the
      // put yet would (rightly, as in etcd) deliver the put itself.
      try (KvWatch watch = client.watch(
          WatchOptions.key(bs("l/k")).withStartRevision(putRevision + 1), listener)) {
        listener.created.get(10, TimeUnit.SECONDS);
        try (keepAlive) {
          // Renewals every 2/3 s until the lease has lived twice its TTL.
          while (System.nanoTime() - granted < TimeUnit.SECONDS.toNanos(4)) {
            assertEquals(2L, renewals.poll(10, TimeUnit.SECONDS),
                "a renewal with the full TTL (keep-alive ended: " + keepAlive.done().isDone() + ")");
          }
          assertTrue(client.get(bs("l/k")).isPresent(), "kept alive past its TTL");
        }
        // Expiry is checked by the leader about every 500 ms after the 2 s TTL.
        Event deleted = listener.take(1).get(0);
        assertEquals(Event.EventType.DELETE, deleted.getType());
        assertTrue(client.get(bs("l/k")).isEmpty());
        assertEquals(-1, client.leaseTimeToLive(lease, false).getTTL());
      }
    }
  }
}
