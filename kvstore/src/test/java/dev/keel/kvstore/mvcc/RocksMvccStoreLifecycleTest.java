package dev.keel.kvstore.mvcc;

import static dev.keel.kvstore.mvcc.Requests.*;
import static dev.keel.kvstore.mvcc.RocksMvccStoreValidationTest.at;
import static dev.keel.kvstore.mvcc.RocksMvccStoreValidationTest.compactAt;
import static dev.keel.kvstore.mvcc.RocksMvccStoreValidationTest.compares;
import static dev.keel.kvstore.mvcc.RocksMvccStoreValidationTest.puts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.kvstore.api.ApplyResult;
import dev.keel.kvstore.api.LeaseInfo;
import dev.keel.kvstore.api.MvccStore;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.CommandBatch;
import dev.keel.kvstore.proto.KeyValue;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RangeResponse;
import dev.keel.kvstore.proto.TxnRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index handling, reopen, and the limits' accepted side of the boundary. */
class RocksMvccStoreLifecycleTest {
  @TempDir Path dir;

  @Test
  void applyAtOrBelowTheAppliedIndexIsSkippedAndChangesNothing() {
    try (MvccStore store = RocksMvccStore.open(StoreConfig.of(dir))) {
      store.put(1, put("a", "1"));
      store.apply(5, 2, batch(put("b", "2")));
      long hash = store.stateHash();
      for (long stale : new long[] {5, 3, 1}) {
        ApplyResult result = store.apply(stale, 2, batch(put("c", "3")));
        assertEquals(new ApplyResult.Skipped(stale, 5), result);
      }
      assertThrows(IllegalArgumentException.class, () -> store.put(5, put("c", "3")));
      assertEquals(hash, store.stateHash());
      assertEquals(3, store.revision());
      assertEquals(5, store.appliedIndex());
      assertEquals(2, store.appliedTerm());
      assertEquals(0, store.range(get("c")).getCount());
    }
  }

  @Test
  void reopenRestoresRevisionCompactionLeasesAndKeys() {
    StoreConfig config = StoreConfig.of(dir);
    long hash;
    RangeResponse everything;
    RangeResponse past;
    try (MvccStore store = RocksMvccStore.open(config)) {
      store.leaseGrant(1, LeaseGrantRequest.newBuilder().setID(9).setTTL(30).build());
      store.leaseGrant(2, LeaseGrantRequest.newBuilder().setID(4).setTTL(-5).build());
      store.put(3, put("a", "1", 9));
      store.put(4, put("b", "1"));
      store.put(5, put("a", "2", 9));
      store.deleteRange(6, delete("b"));
      store.compact(7, compactAt(3));
      store.apply(8, 7, batch(put("c", "3", 4)));
      hash = store.stateHash();
      everything = store.range(all());
      past = store.range(at(all(), 4));
    }
    try (MvccStore store = RocksMvccStore.open(config)) {
      assertEquals(6, store.revision());
      assertEquals(3, store.compactRevision());
      assertEquals(8, store.appliedIndex());
      assertEquals(7, store.appliedTerm());
      assertEquals(List.of(new LeaseInfo(4, -5, List.of(bs("c"))),
          new LeaseInfo(9, 30, List.of(bs("a")))), store.leases());
      assertEquals(hash, store.stateHash());
      assertEquals(everything, store.range(all()));
      assertEquals(past, store.range(at(all(), 4)));
      assertEquals(6, store.range(at(all(), 3)).getHeader().getRevision());
      store.put(9, put("d", "4"));
      assertEquals(7, store.revision());
    }
  }

  @Test
  void txnLimitCountsTheLargestListNotTheSum() {
    try (MvccStore store = RocksMvccStore.open(StoreConfig.of(dir))) {
      TxnRequest full = puts(128).toBuilder()
          .addAllCompare(compares(128).getCompareList())
          .addAllFailure(puts(128).getSuccessList())
          .build();
      assertTrue(store.txn(1, full).getSucceeded());
      assertEquals(2, store.revision());
      assertEquals(128, store.range(range("p", "q")).getCount());
    }
  }

  @Test
  void ignoreValueAndIgnoreLeaseKeepWhatTheKeyHas() {
    try (MvccStore store = RocksMvccStore.open(StoreConfig.of(dir))) {
      store.leaseGrant(1, LeaseGrantRequest.newBuilder().setID(3).setTTL(10).build());
      store.put(2, put("a", "old", 3));
      store.put(3, PutRequest.newBuilder().setKey(bs("a")).setIgnoreValue(true)
          .setIgnoreLease(true).build());
      KeyValue kv = store.range(get("a")).getKvs(0);
      assertEquals("old", kv.getValue().toStringUtf8());
      assertEquals(3, kv.getLease());
      assertEquals(2, kv.getVersion());
      store.put(4, PutRequest.newBuilder().setKey(bs("a")).setValue(bs("new"))
          .setIgnoreLease(true).build());
      assertEquals(3, store.range(get("a")).getKvs(0).getLease());
      store.put(5, PutRequest.newBuilder().setKey(bs("a")).setIgnoreValue(true).build());
      kv = store.range(get("a")).getKvs(0);
      assertEquals("new", kv.getValue().toStringUtf8());
      assertEquals(0, kv.getLease(), "a put without ignore_lease detaches the key");
      assertEquals(List.of(), store.lease(3).orElseThrow().keys());
    }
  }

  @Test
  void compactedRangeInTheBranchNotTakenIsFine() {
    try (MvccStore store = RocksMvccStore.open(StoreConfig.of(dir))) {
      store.put(1, put("a", "1"));
      store.put(2, put("a", "2"));
      store.compact(3, compactAt(3));
      TxnRequest txn = TxnRequest.newBuilder().addCompare(versionEquals("a", 2))
          .addSuccess(op(get("a"))).addFailure(op(at(get("a"), 1))).build();
      assertTrue(store.txn(4, txn).getSucceeded());
      assertEquals(1, store.range(at(get("a"), 3)).getCount(), "the compacted revision reads");
    }
  }

  @Test
  void leaseGrantWithoutIdChoosesAPositiveOne() {
    try (MvccStore store = RocksMvccStore.open(StoreConfig.of(dir))) {
      long id = store.leaseGrant(1, LeaseGrantRequest.newBuilder().setTTL(0).build()).getID();
      assertTrue(id > 0, "lease id " + id);
      assertEquals(0, store.lease(id).orElseThrow().ttlSeconds(), "the TTL is stored as given");
      assertEquals(1, store.revision());
    }
  }

  private static CommandBatch batch(PutRequest put) {
    return CommandBatch.newBuilder().addCommands(Command.newBuilder().setPut(put)).build();
  }
}
