package dev.keel.compat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.kvstore.grpc.ReplicaGroup;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseTimeToLiveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * jetcd 0.8.7, unchanged, against a three-replica Keel: KV, txn, watch from a start revision,
 * leases, and etcd's error for a compacted read. Each test uses its own key prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JetcdCompatTest {
  private static final long WAIT = 10;

  private ReplicaGroup group;
  private Client client;
  private KV kv;

  @BeforeAll
  void start(@TempDir Path dir) {
    group = ReplicaGroup.start(dir, 3);
    client = Client.builder().endpoints(
        group.endpoints().stream().map(e -> "http://" + e).toArray(String[]::new)).build();
    kv = client.getKVClient();
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (group != null) {
      group.close();
    }
  }

  private static ByteSequence bs(String s) {
    return ByteSequence.from(s, UTF_8);
  }

  private static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
    return f.get(WAIT, TimeUnit.SECONDS);
  }

  @Test
  void putGetPrefixAndHistoricalRead() throws Exception {
    long first = get(kv.put(bs("kv/a"), bs("1"))).getHeader().getRevision();
    get(kv.put(bs("kv/a"), bs("2")));
    get(kv.put(bs("kv/b"), bs("3")));
    GetResponse a = get(kv.get(bs("kv/a")));
    assertEquals("2", a.getKvs().get(0).getValue().toString(UTF_8));
    assertEquals(2, a.getKvs().get(0).getVersion());
    assertEquals(first, a.getKvs().get(0).getCreateRevision());
    GetResponse old = get(kv.get(bs("kv/a"), GetOption.builder().withRevision(first).build()));
    assertEquals("1", old.getKvs().get(0).getValue().toString(UTF_8));
    GetResponse prefix = get(kv.get(bs("kv/"), GetOption.builder().isPrefix(true).build()));
    assertEquals(2, prefix.getCount());
    assertEquals(List.of("kv/a", "kv/b"),
        prefix.getKvs().stream().map(k -> k.getKey().toString(UTF_8)).toList());
    assertEquals(2, get(kv.delete(bs("kv/"),
        io.etcd.jetcd.options.DeleteOption.builder().isPrefix(true).build())).getDeleted());
  }

  @Test
  void txnCompareAndSwap() throws Exception {
    get(kv.put(bs("txn/k"), bs("old")));
    TxnResponse swapped = get(kv.txn()
        .If(new Cmp(bs("txn/k"), Cmp.Op.EQUAL, CmpTarget.value(bs("old"))))
        .Then(Op.put(bs("txn/k"), bs("new"), PutOption.DEFAULT))
        .Else(Op.get(bs("txn/k"), GetOption.DEFAULT))
        .commit());
    assertTrue(swapped.isSucceeded());
    TxnResponse stale = get(kv.txn()
        .If(new Cmp(bs("txn/k"), Cmp.Op.EQUAL, CmpTarget.value(bs("old"))))
        .Then(Op.put(bs("txn/k"), bs("newer"), PutOption.DEFAULT))
        .Else(Op.get(bs("txn/k"), GetOption.DEFAULT))
        .commit());
    assertFalse(stale.isSucceeded());
    assertEquals("new",
        stale.getGetResponses().get(0).getKvs().get(0).getValue().toString(UTF_8));
  }

  @Test
  void watchFromAStartRevisionWithPrevKv() throws Exception {
    long start = get(kv.put(bs("w/a"), bs("1"))).getHeader().getRevision();
    get(kv.put(bs("w/a"), bs("2")));
    get(kv.delete(bs("w/a")));
    LinkedBlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    WatchOption options = WatchOption.builder()
        .withRevision(start).withPrevKV(true).isPrefix(true).build();
    try (Watch.Watcher watcher = client.getWatchClient().watch(bs("w/"), options,
        response -> events.addAll(response.getEvents()))) {
      List<WatchEvent> got = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        if (i == 3) {
          get(kv.put(bs("w/b"), bs("live")));
        }
        WatchEvent e = events.poll(WAIT, TimeUnit.SECONDS);
        assertTrue(e != null, "event " + i + " missing; got " + got);
        got.add(e);
      }
      assertEquals(List.of(WatchEvent.EventType.PUT, WatchEvent.EventType.PUT,
          WatchEvent.EventType.DELETE, WatchEvent.EventType.PUT),
          got.stream().map(WatchEvent::getEventType).toList());
      assertEquals(List.of(start, start + 1, start + 2, start + 3),
          got.stream().map(e -> e.getKeyValue().getModRevision()).toList());
      assertEquals("1", got.get(1).getPrevKV().getValue().toString(UTF_8));
      assertEquals("2", got.get(2).getPrevKV().getValue().toString(UTF_8));
      assertEquals("live", got.get(3).getKeyValue().getValue().toString(UTF_8));
    }
  }

  @Test
  void leaseGrantKeepAliveTimeToLiveRevoke() throws Exception {
    var lease = client.getLeaseClient();
    long id = get(lease.grant(60)).getID();
    get(kv.put(bs("lease/k"), bs("v"), PutOption.builder().withLeaseId(id).build()));
    assertEquals(60, get(lease.keepAliveOnce(id)).getTTL());
    LeaseTimeToLiveResponse ttl =
        get(lease.timeToLive(id, LeaseOption.builder().withAttachedKeys().build()));
    assertEquals(60, ttl.getGrantedTTL());
    assertTrue(ttl.getTTL() > 0 && ttl.getTTL() <= 60, "remaining " + ttl.getTTL());
    assertEquals(List.of("lease/k"), ttl.getKeys().stream().map(k -> k.toString(UTF_8)).toList());
    LinkedBlockingQueue<Long> renewals = new LinkedBlockingQueue<>();
    try (var keepAlive = lease.keepAlive(id, new io.grpc.stub.StreamObserver<>() {
      @Override
      public void onNext(io.etcd.jetcd.lease.LeaseKeepAliveResponse value) {
        renewals.add(value.getTTL());
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    })) {
      assertEquals(60L, renewals.poll(WAIT, TimeUnit.SECONDS));
    }
    get(lease.revoke(id));
    assertEquals(0, get(kv.get(bs("lease/k"))).getCount());
    assertEquals(-1, get(lease.timeToLive(id, LeaseOption.DEFAULT)).getTTL());
  }

  @Test
  void compactedReadFailsWithEtcdsError() throws Exception {
    long first = get(kv.put(bs("c/k"), bs("1"))).getHeader().getRevision();
    long second = get(kv.put(bs("c/k"), bs("2"))).getHeader().getRevision();
    get(kv.compact(second));
    ExecutionException e = assertThrows(ExecutionException.class, () ->
        kv.get(bs("c/k"), GetOption.builder().withRevision(first).build())
            .get(WAIT, TimeUnit.SECONDS));
    assertTrue(String.valueOf(e.getCause().getMessage())
        .contains("etcdserver: mvcc: required revision has been compacted"), e.toString());
  }
}
