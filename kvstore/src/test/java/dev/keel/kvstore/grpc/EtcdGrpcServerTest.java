package dev.keel.kvstore.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.mvcc.RocksMvccStore;
import dev.keel.kvstore.proto.CompactionRequest;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.KVGrpc;
import dev.keel.kvstore.proto.LeaseGrpc;
import dev.keel.kvstore.proto.LeaseKeepAliveRequest;
import dev.keel.kvstore.proto.LeaseKeepAliveResponse;
import dev.keel.kvstore.proto.LeaseTimeToLiveRequest;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.WatchCreateRequest;
import dev.keel.kvstore.proto.WatchResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gRPC front end's own rules (edge checks, error mapping, watch stream protocol) against a
 * real store behind {@link LocalStoreService}.
 */
class EtcdGrpcServerTest {
  @TempDir Path dir;
  private RocksMvccStore store;
  private EtcdGrpcServer server;
  private ManagedChannel channel;
  private KVGrpc.KVBlockingStub kv;

  @BeforeEach
  void start() {
    store = RocksMvccStore.open(StoreConfig.of(dir));
    LocalStoreService service = new LocalStoreService(store, "http://127.0.0.1:0");
    server = new EtcdGrpcServer(EtcdGrpcServerConfig.of("127.0.0.1", 0)
        .withMaxRequestBytes(4096)
        .withProgressNotifyInterval(Duration.ofMillis(200)), service).start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    kv = KVGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
    store.close();
  }

  private static ByteString bs(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private long put(String key, String value) {
    return kv.put(PutRequest.newBuilder().setKey(bs(key)).setValue(bs(value)).build())
        .getHeader().getRevision();
  }

  static java.util.stream.Stream<Arguments> badRequests() {
    RequestOp emptyOp = RequestOp.getDefaultInstance();
    TxnRequest.Builder tooMany = TxnRequest.newBuilder();
    for (int i = 0; i < 129; i++) {
      tooMany.addSuccess(RequestOp.newBuilder().setRequestRange(
          RangeRequest.newBuilder().setKey(bs("k" + i))));
    }
    return java.util.stream.Stream.of(
        Arguments.of("range with an empty key", Status.Code.INVALID_ARGUMENT,
            "etcdserver: key is not provided",
            (Call) s -> s.range(RangeRequest.getDefaultInstance())),
        Arguments.of("put with an empty key", Status.Code.INVALID_ARGUMENT,
            "etcdserver: key is not provided",
            (Call) s -> s.put(PutRequest.newBuilder().setValue(bs("v")).build())),
        Arguments.of("put with ignore_value and a value", Status.Code.INVALID_ARGUMENT,
            "etcdserver: value is provided",
            (Call) s -> s.put(PutRequest.newBuilder().setKey(bs("k")).setValue(bs("v"))
                .setIgnoreValue(true).build())),
        Arguments.of("put bigger than max-request-bytes", Status.Code.INVALID_ARGUMENT,
            "etcdserver: request is too large",
            (Call) s -> s.put(PutRequest.newBuilder().setKey(bs("k"))
                .setValue(ByteString.copyFrom(new byte[5000])).build())),
        Arguments.of("txn with an empty request op", Status.Code.INVALID_ARGUMENT,
            "etcdserver: key not found",
            (Call) s -> s.txn(TxnRequest.newBuilder().addSuccess(emptyOp).build())),
        Arguments.of("txn with 129 ops", Status.Code.INVALID_ARGUMENT,
            "etcdserver: too many operations in txn request",
            (Call) s -> s.txn(tooMany.build())),
        Arguments.of("range in the future", Status.Code.OUT_OF_RANGE,
            "etcdserver: mvcc: required revision is a future revision",
            (Call) s -> s.range(RangeRequest.newBuilder().setKey(bs("k")).setRevision(99).build())),
        Arguments.of("put with an unknown lease", Status.Code.NOT_FOUND,
            "etcdserver: requested lease not found",
            (Call) s -> s.put(PutRequest.newBuilder().setKey(bs("k")).setLease(1234).build())));
  }

  interface Call {
    void run(KVGrpc.KVBlockingStub stub);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badRequestsGetEtcdsCodeAndExactMessage(String name, Status.Code code, String message,
      Call call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call.run(kv));
    assertEquals(code, e.getStatus().getCode());
    assertEquals(message, e.getStatus().getDescription());
    assertTrue(e.getTrailers().containsKey(GrpcErrors.DETAIL_KEY), "detail trailer missing");
  }

  @Test
  void compactedReadCarriesKeelDetailInTheTrailer() {
    for (int i = 0; i < 5; i++) {
      put("k", "v" + i);
    }
    kv.compact(CompactionRequest.newBuilder().setRevision(4).build());
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
        () -> kv.range(RangeRequest.newBuilder().setKey(bs("k")).setRevision(3).build()));
    assertEquals(Status.Code.OUT_OF_RANGE, e.getStatus().getCode());
    assertEquals("etcdserver: mvcc: required revision has been compacted",
        e.getStatus().getDescription());
    assertFalse(e.getTrailers().get(GrpcErrors.DETAIL_KEY).isEmpty());
    // The boundary revision stays readable.
    assertEquals("v2", kv.range(RangeRequest.newBuilder().setKey(bs("k")).setRevision(4).build())
        .getKvs(0).getValue().toStringUtf8());
  }

  @Test
  void watchCreatedComesBeforeCatchUpEventsAndIdsCountFromZero() throws Exception {
    put("a", "1");
    put("a", "2");
    try (WatchProbe probe = new WatchProbe(channel)) {
      probe.create(WatchCreateRequest.newBuilder().setKey(bs("a")).setStartRevision(2).build());
      WatchResponse created = probe.next();
      assertTrue(created.getCreated());
      assertEquals(0, created.getWatchId());
      assertEquals(3, created.getHeader().getRevision());
      assertEquals(LocalStoreService.MEMBER_ID, created.getHeader().getMemberId());
      int events = 0;
      while (events < 2) {
        WatchResponse r = probe.next();
        assertEquals(0, r.getWatchId());
        assertFalse(r.getCreated());
        for (Event e : r.getEventsList()) {
          assertEquals(2 + events, e.getKv().getModRevision());
          events++;
        }
      }
      probe.create(WatchCreateRequest.newBuilder().setKey(bs("b")).build());
      assertEquals(1, probe.next().getWatchId());
      probe.create(WatchCreateRequest.newBuilder().setKey(bs("c")).setWatchId(7).build());
      assertEquals(7, probe.next().getWatchId());
      probe.create(WatchCreateRequest.newBuilder().setKey(bs("c")).setWatchId(7).build());
      WatchResponse duplicate = probe.next();
      assertTrue(duplicate.getCreated() && duplicate.getCanceled());
      assertEquals(-1, duplicate.getWatchId());
      assertEquals("mvcc: duplicate watch ID provided on the WatchStream",
          duplicate.getCancelReason());
      probe.create(WatchCreateRequest.newBuilder().setKey(bs("z")).setRangeEnd(bs("a")).build());
      WatchResponse empty = probe.next();
      assertEquals(-1, empty.getWatchId());
      assertEquals("mvcc: watcher range is empty", empty.getCancelReason());

      // Live: one response per revision, header.revision = that revision.
      long rev = put("b", "x");
      WatchResponse live = probe.next();
      assertEquals(1, live.getWatchId());
      assertEquals(rev, live.getHeader().getRevision());
      assertEquals("x", live.getEvents(0).getKv().getValue().toStringUtf8());
    }
  }

  @Test
  void cancelRepliesOnceAndUnknownIdsGetNoReply() throws Exception {
    try (WatchProbe probe = new WatchProbe(channel)) {
      probe.create(WatchCreateRequest.newBuilder().setKey(bs("a")).build());
      assertTrue(probe.next().getCreated());
      probe.cancel(0);
      WatchResponse canceled = probe.next();
      assertTrue(canceled.getCanceled());
      assertEquals(0, canceled.getWatchId());
      probe.cancel(42);
      put("a", "after cancel");
      probe.progress();
      WatchResponse progress = probe.next();
      assertEquals(-1, progress.getWatchId(), "unknown cancel must not be answered");
      assertEquals(0, progress.getEventsCount());
      assertEquals(2, progress.getHeader().getRevision());
      // A new auto id does not reuse the cancelled 0.
      probe.create(WatchCreateRequest.newBuilder().setKey(bs("a")).build());
      assertEquals(1, probe.next().getWatchId());
    }
  }

  @Test
  void compactedStartIsCancelledWithCompactRevisionAndHeaderRevisionZero() throws Exception {
    for (int i = 0; i < 5; i++) {
      put("k", "v" + i);
    }
    kv.compact(CompactionRequest.newBuilder().setRevision(4).build());
    try (WatchProbe probe = new WatchProbe(channel)) {
      probe.create(WatchCreateRequest.newBuilder().setKey(bs("k")).setStartRevision(2).build());
      assertTrue(probe.next().getCreated());
      WatchResponse cancel = probe.next();
      assertTrue(cancel.getCanceled());
      assertEquals(4, cancel.getCompactRevision());
      assertEquals(0, cancel.getHeader().getRevision());
      assertEquals("", cancel.getCancelReason());
      // The boundary itself is watchable.
      probe.create(WatchCreateRequest.newBuilder().setKey(bs("k")).setStartRevision(4).build());
      assertTrue(probe.next().getCreated());
      assertEquals(4, probe.next().getEvents(0).getKv().getModRevision());
    }
  }

  @Test
  void progressRequestWaitsUntilEveryWatcherHasCaughtUp() throws Exception {
    for (int i = 0; i < 200; i++) {
      put("p/" + i, "v");
    }
    try (WatchProbe probe = new WatchProbe(channel)) {
      probe.create(WatchCreateRequest.newBuilder().setKey(bs("p/")).setRangeEnd(bs("p0"))
          .setStartRevision(2).build());
      probe.progress(); // the watcher is replaying 200 revisions now
      long lastEvent = 0;
      WatchResponse r;
      do {
        r = probe.next();
        for (Event e : r.getEventsList()) {
          assertTrue(e.getKv().getModRevision() > lastEvent, "in order, no duplicates");
          lastEvent = e.getKv().getModRevision();
        }
      } while (r.getWatchId() != -1);
      assertEquals(201, lastEvent, "every event up to the progress revision came first");
      assertEquals(201, r.getHeader().getRevision());
      assertEquals(0, r.getEventsCount());
    }
  }

  @Test
  void progressNotifyGoesToIdleWatchersWithTheirOwnId() throws Exception {
    put("a", "1");
    try (WatchProbe probe = new WatchProbe(channel)) {
      probe.create(WatchCreateRequest.newBuilder().setKey(bs("a")).setWatchId(5)
          .setProgressNotify(true).build());
      assertTrue(probe.next().getCreated());
      WatchResponse tick = probe.next(); // interval is 200 ms in this test
      assertEquals(5, tick.getWatchId());
      assertEquals(0, tick.getEventsCount());
      assertEquals(2, tick.getHeader().getRevision());
    }
  }

  @Test
  void fragmentSplitsLargeResponsesForWatchersThatAskForIt() throws Exception {
    // max-request-bytes is 4096 here: 4 puts of 1300 bytes, replayed from revision 2 in one
    // catch-up delivery, make a response above the limit.
    for (String key : new String[] {"f1", "f2", "f3", "f4"}) {
      kv.put(PutRequest.newBuilder().setKey(bs(key)).setValue(ByteString.copyFrom(new byte[1300]))
          .build());
    }
    try (WatchProbe probe = new WatchProbe(channel)) {
      probe.create(WatchCreateRequest.newBuilder().setKey(bs("f")).setRangeEnd(bs("g"))
          .setStartRevision(2).setFragment(true).build());
      assertTrue(probe.next().getCreated());
      int events = 0;
      int pieces = 0;
      WatchResponse piece;
      do {
        piece = probe.next();
        pieces++;
        events += piece.getEventsCount();
        assertTrue(piece.getSerializedSize() < 4096 || piece.getEventsCount() == 1);
      } while (piece.getFragment());
      assertEquals(4, events);
      assertTrue(pieces >= 2, "expected fragments, got " + pieces);
    }
  }

  @Test
  void keepAliveOfAnUnknownLeaseAnswersTtlZeroAndTimeToLiveMinusOne() throws Exception {
    LinkedBlockingQueue<LeaseKeepAliveResponse> replies = new LinkedBlockingQueue<>();
    StreamObserver<LeaseKeepAliveRequest> requests = LeaseGrpc.newStub(channel)
        .leaseKeepAlive(new StreamObserver<>() {
          @Override
          public void onNext(LeaseKeepAliveResponse value) {
            replies.add(value);
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
    requests.onNext(LeaseKeepAliveRequest.newBuilder().setID(77).build());
    LeaseKeepAliveResponse reply = replies.poll(5, TimeUnit.SECONDS);
    assertEquals(77, reply.getID());
    assertEquals(0, reply.getTTL());
    requests.onCompleted();
    var ttl = LeaseGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .leaseTimeToLive(LeaseTimeToLiveRequest.newBuilder().setID(77).build());
    assertEquals(-1, ttl.getTTL());
    assertEquals(0, ttl.getGrantedTTL());
  }
}
