package dev.keel.kvstore.mvcc;

import static dev.keel.kvstore.mvcc.Requests.bs;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.DeleteRangeRequest;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.LeaseRevokeRequest;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.TxnRequest;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Generators of histories over a small key space (7 keys, with a prefix family under "a"), so
 * that ranges, compares, duplicates and leases collide often.
 */
public final class StoreOpArbitraries {
  static final List<String> KEYS = List.of("a", "a/1", "a/2", "b", "c", "d", "e");
  static final List<String> VALUES = List.of("", "x", "y", "v1", "long-value-0123456789");
  static final long UNKNOWN_LEASE = 99;

  private StoreOpArbitraries() {}

  public static Arbitrary<List<StoreOp>> histories(int maxLength) {
    return op().list().ofMinSize(1).ofMaxSize(maxLength)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  static Arbitrary<StoreOp> op() {
    return Arbitraries.frequencyOf(
        Tuple.of(50, write().map(StoreOp.Write::new)),
        Tuple.of(6, compact()),
        Tuple.of(8, Arbitraries.frequencyOf(
                Tuple.of(5, write().map(StoreOp.Write::new)), Tuple.of(1, compact()))
            .list().ofMinSize(2).ofMaxSize(3).map(StoreOp.Batch::new)),
        Tuple.of(25, read()),
        Tuple.of(2, Arbitraries.just(new StoreOp.Reopen())));
  }

  static Arbitrary<StoreOp> compact() {
    return Combinators.combine(Arbitraries.of(true, true, false), Arbitraries.integers().between(0, 1000))
        .as(StoreOp.Compact::new);
  }

  /** Writes that need no knowledge of the state: everything but compaction. */
  public static Arbitrary<Command> write() {
    return Arbitraries.frequencyOf(
        Tuple.of(35, put().map(p -> Command.newBuilder().setPut(p).build())),
        Tuple.of(15, delete().map(d -> Command.newBuilder().setDeleteRange(d).build())),
        Tuple.of(25, txn(1).map(t -> Command.newBuilder().setTxn(t).build())),
        Tuple.of(10, leaseGrant().map(g -> Command.newBuilder().setLeaseGrant(g).build())),
        Tuple.of(8, leaseRevoke().map(r -> Command.newBuilder().setLeaseRevoke(r).build())));
  }

  static Arbitrary<ByteString> key() {
    return Arbitraries.frequencyOf(
        Tuple.of(20, Arbitraries.of(KEYS)), Tuple.of(1, Arbitraries.of("zz", "a/")))
        .map(Requests::bs);
  }

  static Arbitrary<ByteString> value() {
    return Arbitraries.of(VALUES).map(Requests::bs);
  }

  /** (key, range_end) pairs: single key, interval (maybe inverted), prefix, from-key, all. */
  public static Arbitrary<List<ByteString>> keyRange() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, key().map(k -> List.of(k, ByteString.EMPTY))),
        Tuple.of(3, Combinators.combine(key(), key()).as(List::of)),
        Tuple.of(2, Arbitraries.of(List.of(bs("a"), bs("b")), List.of(bs("a/"), bs("a0")))),
        Tuple.of(2, key().map(k -> List.of(k, KeyInterval.NUL))),
        Tuple.of(1, Arbitraries.just(List.of(KeyInterval.NUL, KeyInterval.NUL))));
  }

  static Arbitrary<Long> lease() {
    return Arbitraries.frequencyOf(
        Tuple.of(30, Arbitraries.just(0L)),
        Tuple.of(8, Arbitraries.longs().between(1, 3)),
        Tuple.of(1, Arbitraries.just(UNKNOWN_LEASE)));
  }

  private static Arbitrary<Boolean> rarely() {
    return Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true));
  }

  static Arbitrary<PutRequest> put() {
    return put(lease());
  }

  /** Puts inside txns rarely name a lease: one unknown lease fails the whole txn. */
  private static Arbitrary<PutRequest> txnPut() {
    return put(Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just(0L)), Tuple.of(1, lease())));
  }

  private static Arbitrary<PutRequest> put(Arbitrary<Long> leases) {
    return Combinators.combine(key(), value(), leases, Arbitraries.of(true, false), rarely(),
            rarely(), rarely())
        .as((k, v, lease, prevKv, ignoreValue, ignoreLease, keepArgs) -> PutRequest.newBuilder()
            .setKey(k)
            .setValue(ignoreValue && !keepArgs ? ByteString.EMPTY : v)
            .setLease(ignoreLease && !keepArgs ? 0 : lease)
            .setPrevKv(prevKv)
            .setIgnoreValue(ignoreValue)
            .setIgnoreLease(ignoreLease)
            .build());
  }

  static Arbitrary<DeleteRangeRequest> delete() {
    return Combinators.combine(keyRange(), Arbitraries.of(true, false))
        .as((r, prevKv) -> DeleteRangeRequest.newBuilder()
            .setKey(r.get(0)).setRangeEnd(r.get(1)).setPrevKv(prevKv).build());
  }

  static Arbitrary<LeaseGrantRequest> leaseGrant() {
    return Combinators.combine(Arbitraries.longs().between(1, 3), Arbitraries.of(-5L, 0L, 1L, 10L, 3600L))
        .as((id, ttl) -> LeaseGrantRequest.newBuilder().setID(id).setTTL(ttl).build());
  }

  static Arbitrary<LeaseRevokeRequest> leaseRevoke() {
    return Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.longs().between(1, 3)),
            Tuple.of(1, Arbitraries.just(UNKNOWN_LEASE)))
        .map(id -> LeaseRevokeRequest.newBuilder().setID(id).build());
  }

  /** Top-level reads: every option, any sort. The revision may be replaced when run. */
  static Arbitrary<StoreOp> read() {
    Arbitrary<RangeRequest> request = Combinators.combine(
            rangeShape(Arbitraries.of(RangeRequest.SortTarget.KEY, RangeRequest.SortTarget.VERSION,
                RangeRequest.SortTarget.CREATE, RangeRequest.SortTarget.MOD,
                RangeRequest.SortTarget.VALUE)),
            Arbitraries.frequency(Tuple.of(12, 0L), Tuple.of(1, 0L), Tuple.of(1, 1L)),
            filter(), filter(), filter(), filter())
        .as((r, negative, minMod, maxMod, minCreate, maxCreate) -> r.toBuilder()
            .setRevision(-negative)
            .setMinModRevision(minMod).setMaxModRevision(maxMod)
            .setMinCreateRevision(minCreate).setMaxCreateRevision(maxCreate)
            .build());
    return Combinators.combine(request, Arbitraries.frequency(Tuple.of(3, 0), Tuple.of(2, 1)),
            Arbitraries.integers().between(0, 1000))
        .as(StoreOp.Read::new);
  }

  private static Arbitrary<Long> filter() {
    return Arbitraries.frequencyOf(
        Tuple.of(9, Arbitraries.just(0L)), Tuple.of(1, Arbitraries.longs().between(1, 15)));
  }

  private static Arbitrary<RangeRequest> rangeShape(Arbitrary<RangeRequest.SortTarget> targets) {
    return Combinators.combine(keyRange(),
            Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0L)),
                Tuple.of(2, Arbitraries.longs().between(1, 4))),
            rarely(), rarely(),
            Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(RangeRequest.SortOrder.NONE)),
                Tuple.of(1, Arbitraries.of(RangeRequest.SortOrder.ASCEND, RangeRequest.SortOrder.DESCEND))),
            Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(RangeRequest.SortTarget.KEY)),
                Tuple.of(1, targets)))
        .as((r, limit, keysOnly, countOnly, order, target) -> RangeRequest.newBuilder()
            .setKey(r.get(0)).setRangeEnd(r.get(1)).setLimit(limit)
            .setKeysOnly(keysOnly).setCountOnly(countOnly)
            .setSortOrder(order).setSortTarget(target)
            .build());
  }

  /** Reads inside a txn: key-ordered (so the answer is fully specified), fixed revisions. */
  static Arbitrary<RangeRequest> txnRead() {
    return Combinators.combine(rangeShape(Arbitraries.just(RangeRequest.SortTarget.KEY)),
            Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(0L)),
                Tuple.of(2, Arbitraries.longs().between(1, 20))))
        .as((r, rev) -> r.toBuilder().setRevision(rev).build());
  }

  static Arbitrary<Compare> compare() {
    Arbitrary<Compare.Builder> shape = Combinators.combine(
            Arbitraries.frequencyOf(Tuple.of(3, key().map(k -> List.of(k, ByteString.EMPTY))),
                Tuple.of(1, keyRange())),
            Arbitraries.of(Compare.CompareTarget.VERSION, Compare.CompareTarget.CREATE,
                Compare.CompareTarget.MOD, Compare.CompareTarget.VALUE, Compare.CompareTarget.LEASE),
            Arbitraries.of(Compare.CompareResult.EQUAL, Compare.CompareResult.NOT_EQUAL,
                Compare.CompareResult.GREATER, Compare.CompareResult.LESS))
        .as((r, target, result) -> Compare.newBuilder()
            .setKey(r.get(0)).setRangeEnd(r.get(1)).setTarget(target).setResult(result));
    return Combinators.combine(shape, Arbitraries.longs().between(0, 12), value(), rarely())
        .as((c, n, v, unset) -> {
          if (unset) {
            return c.build();
          }
          switch (c.getTarget()) {
            case VERSION:
              return c.setVersion(n % 4).build();
            case CREATE:
              return c.setCreateRevision(n).build();
            case MOD:
              return c.setModRevision(n).build();
            case VALUE:
              return c.setValue(v).build();
            default:
              return c.setLease(n % 4).build();
          }
        });
  }

  static Arbitrary<TxnRequest> txn(int depth) {
    Arbitrary<RequestOp> op = requestOp(depth);
    return Combinators.combine(compare().list().ofMaxSize(3), op.list().ofMaxSize(4),
            op.list().ofMaxSize(3))
        .as((compares, success, failure) -> TxnRequest.newBuilder()
            .addAllCompare(compares).addAllSuccess(success).addAllFailure(failure).build());
  }

  private static Arbitrary<RequestOp> requestOp(int depth) {
    Arbitrary<RequestOp> nested = depth > 0
        ? Arbitraries.lazy(() -> txn(depth - 1)).map(Requests::op)
        : txnRead().map(Requests::op);
    return Arbitraries.frequencyOf(
        Tuple.of(35, txnRead().map(Requests::op)),
        Tuple.of(30, txnPut().map(Requests::op)),
        Tuple.of(20, delete().map(Requests::op)),
        Tuple.of(8, nested),
        Tuple.of(1, Arbitraries.just(RequestOp.getDefaultInstance())));
  }
}
