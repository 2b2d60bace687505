package dev.keel.kvstore.mvcc;

import static dev.keel.kvstore.mvcc.Requests.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.api.MvccStore;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.proto.CompactionRequest;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.LeaseRevokeRequest;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.TxnRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input fails with etcd's error kind, a detail naming the bad value, and no change to
 * the store (no revision bump, same state). The fixture: a=2, b=3, c=4, lease 5, d=5 on lease 5,
 * compacted at 3; revision 5.
 */
class RocksMvccStoreValidationTest {
  private static final long LEASE = 5;
  private static final long UNKNOWN_LEASE = 77;

  @TempDir Path dir;
  private MvccStore store;
  private long index;

  /** A request against the fixture, given the next log index. */
  interface Call {
    Object run(MvccStore store, long index);
  }

  @BeforeEach
  void fixture() {
    store = RocksMvccStore.open(StoreConfig.of(dir));
    store.put(++index, put("a", "1"));
    store.put(++index, put("b", "2"));
    store.put(++index, put("c", "3"));
    store.leaseGrant(++index, LeaseGrantRequest.newBuilder().setID(LEASE).setTTL(10).build());
    store.put(++index, put("d", "4", LEASE));
    store.compact(++index, CompactionRequest.newBuilder().setRevision(3).build());
    assertEquals(5, store.revision());
    assertEquals(3, store.compactRevision());
  }

  @AfterEach
  void close() {
    store.close();
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        row("put with an empty key", (s, i) -> s.put(i, put("", "v")), KvError.EMPTY_KEY, "key"),
        row("range with an empty key", (s, i) -> s.range(get("")), KvError.EMPTY_KEY, "key"),
        row("range from an empty key to \\0", (s, i) -> s.range(range("", "\0")),
            KvError.EMPTY_KEY, "key"),
        row("delete with an empty key", (s, i) -> s.deleteRange(i, delete("")),
            KvError.EMPTY_KEY, "key"),
        row("txn compare with an empty key", (s, i) -> s.txn(i, txn(versionEquals("", 0))),
            KvError.EMPTY_KEY, "key"),
        row("txn put with an empty key", (s, i) -> s.txn(i, txn(op(put("", "v")))),
            KvError.EMPTY_KEY, "key"),
        row("txn range with an empty key", (s, i) -> s.txn(i, txn(op(get("")))),
            KvError.EMPTY_KEY, "key"),
        row("txn delete with an empty key in the failure branch",
            (s, i) -> s.txn(i, TxnRequest.newBuilder().addFailure(op(delete(""))).build()),
            KvError.EMPTY_KEY, "key"),
        row("txn with an empty request op",
            (s, i) -> s.txn(i, txn(RequestOp.getDefaultInstance())), KvError.KEY_NOT_FOUND, ""),
        row("put of a 1.6 MiB value", (s, i) -> s.put(i, put("big", "x".repeat(1_677_722))),
            KvError.REQUEST_TOO_LARGE, "1572864"),
        row("txn putting a 1.6 MiB value",
            (s, i) -> s.txn(i, txn(op(put("big", "x".repeat(1_677_722))))),
            KvError.REQUEST_TOO_LARGE, "1572864"),
        row("range at a future revision", (s, i) -> s.range(at(all(), 6)),
            KvError.FUTURE_REVISION, "6"),
        row("compact at a future revision", (s, i) -> s.compact(i, compactAt(6)),
            KvError.FUTURE_REVISION, "6"),
        row("range below the compacted revision", (s, i) -> s.range(at(get("a"), 2)),
            KvError.COMPACTED, "2"),
        row("compact at the compacted revision", (s, i) -> s.compact(i, compactAt(3)),
            KvError.COMPACTED, "3"),
        row("compact below the compacted revision", (s, i) -> s.compact(i, compactAt(2)),
            KvError.COMPACTED, "2"),
        row("txn range below the compacted revision in the chosen branch",
            (s, i) -> s.txn(i, txn(op(put("x", "1")), op(at(get("a"), 2)))),
            KvError.COMPACTED, "2"),
        row("txn range at a future revision in the chosen branch",
            (s, i) -> s.txn(i, TxnRequest.newBuilder().addCompare(versionEquals("a", 9))
                .addFailure(op(at(get("a"), 9))).build()),
            KvError.FUTURE_REVISION, "9"),
        row("txn with 129 puts", (s, i) -> s.txn(i, puts(129)), KvError.TOO_MANY_OPS, "129"),
        row("txn with 129 compares", (s, i) -> s.txn(i, compares(129)),
            KvError.TOO_MANY_OPS, "129"),
        row("nested txn over what its parent leaves",
            (s, i) -> s.txn(i, puts(100).toBuilder().addSuccess(op(puts(29))).build()),
            KvError.TOO_MANY_OPS, "29"),
        row("txn putting one key twice", (s, i) -> s.txn(i, txn(op(put("k", "1")), op(put("k", "2")))),
            KvError.DUPLICATE_KEY, "k"),
        row("txn deleting a range, then putting inside it",
            (s, i) -> s.txn(i, txn(op(delete("a", "c")), op(put("b", "2")))),
            KvError.DUPLICATE_KEY, "b"),
        row("txn putting, then deleting everything from \\0",
            (s, i) -> s.txn(i, txn(op(put("q", "2")), op(delete("\0", "\0")))),
            KvError.DUPLICATE_KEY, "q"),
        row("txn putting a key in two sibling nested txns",
            (s, i) -> s.txn(i, txn(op(txn(op(put("n", "1")))), op(txn(op(put("n", "2")))))),
            KvError.DUPLICATE_KEY, "n"),
        row("txn putting a key a nested txn deletes",
            (s, i) -> s.txn(i, txn(op(txn(op(delete("m")))), op(put("m", "2")))),
            KvError.DUPLICATE_KEY, "m"),
        row("put with an unknown lease", (s, i) -> s.put(i, put("a", "v", UNKNOWN_LEASE)),
            KvError.LEASE_NOT_FOUND, "77"),
        row("txn put with an unknown lease",
            (s, i) -> s.txn(i, txn(op(put("a", "v", UNKNOWN_LEASE)))),
            KvError.LEASE_NOT_FOUND, "77"),
        row("ignore_value with a value",
            (s, i) -> s.put(i, put("a", "v").toBuilder().setIgnoreValue(true).build()),
            KvError.VALUE_PROVIDED, "a"),
        row("ignore_value with a value in the branch not taken",
            (s, i) -> s.txn(i, TxnRequest.newBuilder()
                .addFailure(op(put("a", "v").toBuilder().setIgnoreValue(true).build())).build()),
            KvError.VALUE_PROVIDED, "a"),
        row("ignore_lease with a lease",
            (s, i) -> s.put(i, put("a", "", LEASE).toBuilder().setIgnoreLease(true).build()),
            KvError.LEASE_PROVIDED, "5"),
        row("ignore_value on a missing key",
            (s, i) -> s.put(i, PutRequest.newBuilder().setKey(bs("zz")).setIgnoreValue(true).build()),
            KvError.KEY_NOT_FOUND, "zz"),
        row("ignore_lease on a missing key in a txn",
            (s, i) -> s.txn(i, txn(op(PutRequest.newBuilder().setKey(bs("zz")).setValue(bs("v"))
                .setIgnoreLease(true).build()))),
            KvError.KEY_NOT_FOUND, "zz"),
        row("lease grant with an existing id",
            (s, i) -> s.leaseGrant(i, LeaseGrantRequest.newBuilder().setID(LEASE).setTTL(3).build()),
            KvError.LEASE_EXISTS, "5"),
        row("lease grant with a TTL over 9000000000 s",
            (s, i) -> s.leaseGrant(i, LeaseGrantRequest.newBuilder().setID(6)
                .setTTL(9_000_000_001L).build()),
            KvError.LEASE_TTL_TOO_LARGE, "9000000001"),
        row("lease revoke of an unknown lease",
            (s, i) -> s.leaseRevoke(i, LeaseRevokeRequest.newBuilder().setID(UNKNOWN_LEASE).build()),
            KvError.LEASE_NOT_FOUND, "77"),
        row("watch with range end before the key",
            (s, i) -> s.watch(new WatchSpec(bs("b"), bs("a"), 0, false, false, false), NO_EVENTS),
            KvError.WATCH_RANGE_EMPTY, "a"),
        row("watch with range end equal to the key",
            (s, i) -> s.watch(new WatchSpec(bs("b"), bs("b"), 0, false, false, false), NO_EVENTS),
            KvError.WATCH_RANGE_EMPTY, "b"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInputFailsWithEtcdsErrorAndChangesNothing(String name, Call call, KvError error,
      String detailMentions) {
    long hash = store.stateHash();
    long revision = store.revision();
    KvException e = assertThrows(KvException.class, () -> call.run(store, ++index));
    assertEquals(error, e.error(), name);
    assertTrue(e.detail().contains(detailMentions),
        () -> "detail \"" + e.detail() + "\" does not name " + detailMentions);
    assertTrue(e.getMessage().startsWith(error.etcdMessage()), e.getMessage());
    assertEquals(revision, store.revision(), "revision moved");
    assertEquals(hash, store.stateHash(), "state changed");
    assertEquals(List.of(new dev.keel.kvstore.api.LeaseInfo(LEASE, 10, List.of(bs("d")))),
        store.leases());
  }

  private static final WatchListener NO_EVENTS = new WatchListener() {
    @Override
    public void onEvents(List<Event> events) {}

    @Override
    public void onCompacted(long compactRevision) {}
  };

  private static Arguments row(String name, Call call, KvError error, String detailMentions) {
    return Arguments.of(name, call, error, detailMentions);
  }

  static RangeRequest at(RangeRequest r, long revision) {
    return r.toBuilder().setRevision(revision).build();
  }

  static CompactionRequest compactAt(long revision) {
    return CompactionRequest.newBuilder().setRevision(revision).build();
  }

  static TxnRequest puts(int n) {
    TxnRequest.Builder txn = TxnRequest.newBuilder();
    for (int i = 0; i < n; i++) {
      txn.addSuccess(op(put("p" + i, "v")));
    }
    return txn.build();
  }

  static TxnRequest compares(int n) {
    TxnRequest.Builder txn = TxnRequest.newBuilder();
    for (int i = 0; i < n; i++) {
      txn.addCompare(versionEquals("p" + i, 0));
    }
    return txn.build();
  }
}
