package dev.keel.kvstore.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.grpc.EtcdGrpcServer;
import dev.keel.kvstore.grpc.EtcdGrpcServerConfig;
import dev.keel.kvstore.grpc.LocalStoreServices;
import dev.keel.kvstore.mvcc.RocksMvccStore;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.TxnResponse;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import dev.keel.kvstore.proto.PutResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KvClient against the real gRPC front end on a real store; two front ends share the store so
 * that failover can be tested by closing one. Over the network here; subclasses run the same tests
 * over other endpoint kinds.
 */
class KvClientTest {
  @TempDir Path dir;
  private RocksMvccStore store;
  private EtcdGrpcServer first;
  private EtcdGrpcServer second;
  KvClient client;

  /** The endpoint under which the client reaches {@code server}. */
  String endpoint(EtcdGrpcServer server) {
    return "127.0.0.1:" + server.port();
  }

  /** An endpoint of this kind where nothing serves ({@code port} is free). */
  String unservedEndpoint(int port) {
    return "127.0.0.1:" + port;
  }

  @BeforeEach
  void start() {
    store = RocksMvccStore.open(StoreConfig.of(dir));
    var service = LocalStoreServices.of(store);
    first = new EtcdGrpcServer(EtcdGrpcServerConfig.of("127.0.0.1", 0), service).start();
    second = new EtcdGrpcServer(EtcdGrpcServerConfig.of("127.0.0.1", 0), service).start();
    client = new KvClient(KvClientConfig.of(endpoint(first), endpoint(second))
        .withCallTimeout(Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    client.close();
    second.close();
    first.close();
    store.close();
  }

  private static ByteString bs(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void putGetPrefixDelete() {
    assertEquals(2, client.put(bs("app/a"), bs("1")).getHeader().getRevision());
    client.put(bs("app/b"), bs("2"));
    client.put(bs("other"), bs("3"));
    assertEquals("1", client.get(bs("app/a")).orElseThrow().getValue().toStringUtf8());
    assertTrue(client.get(bs("missing")).isEmpty());
    var prefix = client.getPrefix(bs("app/"));
    assertEquals(List.of("app/a", "app/b"),
        prefix.getKvsList().stream().map(kv -> kv.getKey().toStringUtf8()).toList());
    assertEquals(4, prefix.getHeader().getRevision());
    assertEquals(2, client.deletePrefix(bs("app/")).getDeleted());
    assertEquals(1, client.delete(bs("other")).getDeleted());
    assertEquals(0, client.delete(bs("other")).getDeleted());
    assertEquals(6, client.range(RangeRequest.newBuilder().setKey(bs("x")).build())
        .getHeader().getRevision());
  }

  @Test
  void compareAndSwapOnModRevision() {
    long rev = client.put(bs("cas"), bs("v1")).getHeader().getRevision();
    TxnResponse swapped = client.txn()
        .ifModRevision(bs("cas"), Compare.CompareResult.EQUAL, rev)
        .thenPut(bs("cas"), bs("v2"))
        .elseGet(bs("cas"))
        .commit();
    assertTrue(swapped.getSucceeded());
    TxnResponse stale = client.txn()
        .ifModRevision(bs("cas"), Compare.CompareResult.EQUAL, rev)
        .thenPut(bs("cas"), bs("v3"))
        .elseGet(bs("cas"))
        .commit();
    assertFalse(stale.getSucceeded());
    assertEquals("v2",
        stale.getResponses(0).getResponseRange().getKvs(0).getValue().toStringUtf8());
    assertTrue(client.txn().ifAbsent(bs("new")).thenPut(bs("new"), bs("x")).commit()
        .getSucceeded());
  }

  @Test
  void etcdErrorsComeBackAsKvExceptionsWithKeelsDetail() {
    client.put(bs("k"), bs("1"));
    client.put(bs("k"), bs("2"));
    client.compact(3);
    KvException compacted = assertThrows(KvException.class, () ->
        client.range(RangeRequest.newBuilder().setKey(bs("k")).setRevision(2).build()));
    assertEquals(KvError.COMPACTED, compacted.error());
    assertTrue(compacted.detail().contains("2"), compacted.detail());
    KvException future = assertThrows(KvException.class, () -> client.compact(100));
    assertEquals(KvError.FUTURE_REVISION, future.error());
    KvException empty = assertThrows(KvException.class, () -> client.put(ByteString.EMPTY,
        bs("v")));
    assertEquals(KvError.EMPTY_KEY, empty.error());
    KvException lease = assertThrows(KvException.class, () -> client.put(
        PutRequest.newBuilder().setKey(bs("k")).setLease(99).build()));
    assertEquals(KvError.LEASE_NOT_FOUND, lease.error());
  }

  @Test
  void watchFromAStartRevisionWithPrevKv() throws Exception {
    client.put(bs("w/a"), bs("1"));
    client.put(bs("w/a"), bs("2"));
    client.delete(bs("w/a"));
    RecordingListener listener = new RecordingListener();
    try (KvWatch watch = client.watch(
        WatchOptions.prefix(bs("w/")).withStartRevision(2).withPrevKv(true), listener)) {
      List<Event> events = listener.take(3);
      assertEquals(List.of(2L, 3L, 4L),
          events.stream().map(e -> e.getKv().getModRevision()).toList());
      assertFalse(events.get(0).hasPrevKv());
      assertEquals("1", events.get(1).getPrevKv().getValue().toStringUtf8());
      assertEquals(Event.EventType.DELETE, events.get(2).getType());
      assertEquals("2", events.get(2).getPrevKv().getValue().toStringUtf8());
      client.put(bs("w/b"), bs("live"));
      assertEquals("live", listener.take(1).get(0).getKv().getValue().toStringUtf8());
    }
  }

  @Test
  void watchResumesOnTheNextEndpointWithoutGapOrDuplicate() throws Exception {
    RecordingListener listener = new RecordingListener();
    try (KvWatch watch = client.watch(WatchOptions.prefix(bs("r/")), listener)) {
      listener.created.get(5, TimeUnit.SECONDS);
      client.put(bs("r/1"), bs("a"));
      assertEquals(2, listener.take(1).get(0).getKv().getModRevision());
      first.close(); // the watch's endpoint goes away
      client.put(bs("r/2"), bs("b"));
      client.put(bs("r/3"), bs("c"));
      List<Event> after = listener.take(2);
      assertEquals(List.of(3L, 4L), after.stream().map(e -> e.getKv().getModRevision()).toList());
      assertNull(listener.events.poll(200, TimeUnit.MILLISECONDS), "no duplicates");
      assertFalse(listener.error.isDone());
    }
  }

  @Test
  void unaryCallsFailOverPastADeadEndpoint() throws IOException {
    int dead;
    try (ServerSocket socket = new ServerSocket(0)) {
      dead = socket.getLocalPort();
    }
    try (KvClient failover = new KvClient(KvClientConfig.of(
        unservedEndpoint(dead), endpoint(second)))) {
      assertEquals(2, failover.put(bs("f"), bs("1")).getHeader().getRevision());
      assertEquals("1", failover.get(bs("f")).orElseThrow().getValue().toStringUtf8());
    }
  }

  @Test
  void aCallWhoseDeadlineHasPassedFailsWithDeadlineExceeded() {
    StatusRuntimeException late = assertThrows(StatusRuntimeException.class,
        () -> client.withCallTimeout(Duration.ofNanos(1)).put(bs("late"), bs("v")));
    assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode());
    assertTrue(client.get(bs("late")).isEmpty());
  }

  @Test
  void concurrentAsyncCallsEachGetTheirOwnReply() {
    List<CompletableFuture<PutResponse>> puts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      puts.add(client.putAsync(PutRequest.newBuilder().setKey(bs("c/" + i)).setValue(bs("v" + i))
          .build()));
    }
    Set<Long> revisions = new HashSet<>();
    for (CompletableFuture<PutResponse> put : puts) {
      revisions.add(put.orTimeout(10, TimeUnit.SECONDS).join().getHeader().getRevision());
    }
    assertEquals(300, revisions.size());
    assertEquals(300, client.getPrefix(bs("c/")).getKvsCount());
  }

  @Test
  void aSlowWatchListenerGetsEveryEventInOrder() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    RecordingListener recorder = new RecordingListener();
    KvWatchListener slow = new KvWatchListener() {
      @Override
      public void onCreated(long revision) {
        recorder.onCreated(revision);
      }

      @Override
      public void onEvents(long revision, List<Event> events) {
        try {
          // Held back until the writes are done: the stream's backlog builds up meanwhile.
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        recorder.onEvents(revision, events);
      }

      @Override
      public void onCompacted(long compactRevision) {
        recorder.onCompacted(compactRevision);
      }

      @Override
      public void onError(Throwable t) {
        recorder.onError(t);
      }
    };
    try (KvWatch watch = client.watch(WatchOptions.prefix(bs("s/")), slow)) {
      recorder.created.get(5, TimeUnit.SECONDS);
      List<Long> written = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        written.add(client.put(bs("s/" + i), bs("v")).getHeader().getRevision());
      }
      release.countDown();
      assertEquals(written, recorder.take(200).stream()
          .map(e -> e.getKv().getModRevision()).toList());
    }
  }

  /**
   * Listeners that make blocking calls of the same client (more of them than the client has
   * callback threads) still get their answers.
   */
  @Test
  void listenersMayWaitForCallsOfTheSameClient() throws Exception {
    int watchers = 2 * Runtime.getRuntime().availableProcessors() + 2;
    LinkedBlockingQueue<Long> echoed = new LinkedBlockingQueue<>();
    List<KvWatch> watches = new ArrayList<>();
    try {
      for (int i = 0; i < watchers; i++) {
        String echo = "echo/" + i;
        RecordingListener created = new RecordingListener();
        watches.add(client.watch(WatchOptions.key(bs("trigger")), new KvWatchListener() {
          @Override
          public void onCreated(long revision) {
            created.onCreated(revision);
          }

          @Override
          public void onEvents(long revision, List<Event> events) {
            echoed.add(client.put(bs(echo), bs("seen")).getHeader().getRevision());
          }

          @Override
          public void onCompacted(long compactRevision) {}

          @Override
          public void onError(Throwable t) {}
        }));
        created.created.get(5, TimeUnit.SECONDS);
      }
      client.put(bs("trigger"), bs("go"));
      for (int i = 0; i < watchers; i++) {
        assertTrue(echoed.poll(10, TimeUnit.SECONDS) != null, "echo " + i + " of " + watchers);
      }
      assertEquals(watchers, client.getPrefix(bs("echo/")).getKvsCount());
    } finally {
      watches.forEach(KvWatch::close);
    }
  }

  @Test
  void aClosedWatchGetsNoMoreEvents() throws Exception {
    RecordingListener listener = new RecordingListener();
    KvWatch watch = client.watch(WatchOptions.prefix(bs("x/")), listener);
    listener.created.get(5, TimeUnit.SECONDS);
    client.put(bs("x/1"), bs("a"));
    assertEquals(1, listener.take(1).size());
    watch.close();
    client.put(bs("x/2"), bs("b"));
    assertNull(listener.events.poll(200, TimeUnit.MILLISECONDS));
    assertFalse(listener.error.isDone());
  }

  @Test
  void compactedWatchStartIsReported() throws Exception {
    client.put(bs("c"), bs("1"));
    client.put(bs("c"), bs("2"));
    client.compact(3);
    RecordingListener listener = new RecordingListener();
    try (KvWatch watch = client.watch(WatchOptions.key(bs("c")).withStartRevision(2), listener)) {
      assertEquals(3, listener.compacted.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void leaseLifecycle() throws Exception {
    long id = client.leaseGrant(60).getID();
    assertTrue(id > 0);
    client.put(PutRequest.newBuilder().setKey(bs("l/1")).setValue(bs("v")).setLease(id).build());
    assertEquals(60, client.leaseKeepAliveOnce(id).getTTL());
    var ttl = client.leaseTimeToLive(id, true);
    assertEquals(60, ttl.getGrantedTTL());
    assertEquals(List.of(bs("l/1")), ttl.getKeysList());
    assertEquals(List.of(id),
        client.leases().getLeasesList().stream().map(l -> l.getID()).toList());

    LinkedBlockingQueue<Long> renewals = new LinkedBlockingQueue<>();
    try (LeaseKeepAlive keepAlive = client.leaseKeepAlive(id, r -> renewals.add(r.getTTL()))) {
      assertEquals(60, renewals.poll(5, TimeUnit.SECONDS));
      client.leaseRevoke(id);
      assertTrue(client.get(bs("l/1")).isEmpty());
      // The next renewal (within 20 s for TTL 60) answers TTL 0: keeping alive is over.
    }
    KvException gone = assertThrows(KvException.class, () -> client.leaseKeepAliveOnce(id));
    assertEquals(KvError.LEASE_NOT_FOUND, gone.error());
    assertEquals(-1, client.leaseTimeToLive(id, false).getTTL());
    KvException revoked = assertThrows(KvException.class, () -> client.leaseRevoke(id));
    assertEquals(KvError.LEASE_NOT_FOUND, revoked.error());
  }

  @Test
  void memberListAndStatus() {
    assertEquals(1, client.memberList().getMembersCount());
    var status = client.status(client.endpoints().get(1));
    assertEquals("3.4.23", status.getVersion());
    assertEquals(status.getHeader().getMemberId(), status.getLeader());
  }
}
