package dev.keel.kvstore.mvcc;

import static dev.keel.kvstore.mvcc.Requests.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.LeaseRevokeRequest;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.ResponseHeader;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.TxnResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The reference model itself against the observed etcd behaviour in etcd-api.md. */
class MvccModelTest {
  private final MvccModel model = new MvccModel();

  @Test
  void revisionsBumpOncePerChangingRequest() {
    assertEquals(1, model.revision());
    assertEquals(2, model.put(put("a", "1")).getHeader().getRevision());
    assertEquals(3, model.put(put("a", "1")).getHeader().getRevision());
    assertEquals(3, model.deleteRange(delete("zz")).getHeader().getRevision());
    assertEquals(3, model.revision());
    assertEquals(4, model.deleteRange(delete("a", "\0")).getHeader().getRevision());
  }

  @Test
  void innerTxnHeadersFollowTheFirstWrite() {
    for (int i = 0; i < 10; i++) {
      model.put(put("k" + i, "v"));
    }
    TxnResponse r = model.txn(txn(op(get("a")), op(delete("none")), op(put("a", "1")),
        op(get("a")), op(delete("none")), op(txn(op(get("a"))))));
    assertEquals(12, r.getHeader().getRevision());
    assertEquals(11, r.getResponses(0).getResponseRange().getHeader().getRevision());
    assertEquals(11, r.getResponses(1).getResponseDeleteRange().getHeader().getRevision());
    assertEquals(12, r.getResponses(2).getResponsePut().getHeader().getRevision());
    assertEquals(12, r.getResponses(3).getResponseRange().getHeader().getRevision());
    assertEquals(1, r.getResponses(3).getResponseRange().getCount());
    assertEquals(12, r.getResponses(4).getResponseDeleteRange().getHeader().getRevision());
    TxnResponse nested = r.getResponses(5).getResponseTxn();
    assertTrue(nested.hasHeader());
    assertEquals(ResponseHeader.getDefaultInstance(), nested.getHeader());
    assertTrue(nested.getSucceeded());
  }

  @Test
  void missingKeysCompareAsZeroButValueComparesFail() {
    assertFalse(model.txn(txn(valueCompare("x", Compare.CompareResult.NOT_EQUAL, "v")))
        .getSucceeded());
    assertTrue(model.txn(txn(versionEquals("x", 0))).getSucceeded());
    Compare versionBelowOne = versionEquals("x", 1).toBuilder()
        .setResult(Compare.CompareResult.LESS).build();
    assertTrue(model.txn(txn(versionBelowOne)).getSucceeded());
    assertEquals(1, model.revision());
  }

  @Test
  void countIgnoresLimitAndFilters() {
    for (int i = 0; i < 5; i++) {
      model.put(put("k" + i, "v"));
    }
    RangeRequest r = range("k", "l").toBuilder().setLimit(1).setMinModRevision(4).build();
    var resp = model.range(r);
    assertEquals(5, resp.getCount());
    assertEquals(1, resp.getKvsCount());
    assertTrue(resp.getMore());
    assertEquals("k2", resp.getKvs(0).getKey().toStringUtf8());
  }

  @Test
  void historicalReadReportsCurrentRevision() {
    model.put(put("a", "1"));
    model.put(put("a", "2"));
    var resp = model.range(get("a").toBuilder().setRevision(2).build());
    assertEquals(3, resp.getHeader().getRevision());
    assertEquals("1", resp.getKvs(0).getValue().toStringUtf8());
  }

  @Test
  void leaseRevokeDeletesAttachedKeysSortedInOneRevision() {
    model.leaseGrant(LeaseGrantRequest.newBuilder().setID(7).setTTL(5).build());
    model.put(put("c", "1", 7));
    model.put(put("a", "1", 7));
    model.put(put("b", "1"));
    assertEquals(5, model.leaseRevoke(LeaseRevokeRequest.newBuilder().setID(7).build())
        .getHeader().getRevision());
    List<String> deleted = model.events().stream().filter(e -> e.getKv().getModRevision() == 5)
        .map(e -> e.getKv().getKey().toStringUtf8()).collect(Collectors.toList());
    assertEquals(List.of("a", "c"), deleted);
    assertEquals(Event.EventType.DELETE, model.events().get(model.events().size() - 1).getType());
  }

  @Test
  void putInsideDeleteRangeOfTheSameBranchIsDuplicate() {
    KvException e = assertThrows(KvException.class,
        () -> model.txn(txn(op(delete("c")), op(put("c", "1")))));
    assertEquals(KvError.DUPLICATE_KEY, e.error());
    model.txn(txn(op(delete("a", "d")), op(delete("b", "e"))));
    TxnRequest thenElse = TxnRequest.newBuilder()
        .addSuccess(op(TxnRequest.newBuilder().addSuccess(op(put("x", "1")))
            .addFailure(op(put("x", "2"))).build()))
        .build();
    model.txn(thenElse);
  }

  @Test
  void tooManyOpsCountsTheLargestList() {
    TxnRequest.Builder ok = TxnRequest.newBuilder();
    for (int i = 0; i < 128; i++) {
      ok.addSuccess(op(put("k" + i, "v"))).addFailure(op(get("k" + i)))
          .addCompare(versionEquals("k" + i, 0));
    }
    model.txn(ok.build());
    KvException e = assertThrows(KvException.class,
        () -> model.txn(ok.addSuccess(op(put("k128", "v"))).build()));
    assertEquals(KvError.TOO_MANY_OPS, e.error());
  }
}
