package dev.keel.kvstore.mvcc;

import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.KeyValue;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.ResponseHeader;
import dev.keel.kvstore.proto.ResponseOp;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.TxnResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Runs one etcd Txn inside a {@link BatchApplier}: evaluates every compare on the chosen path
 * first (nested txns included, against the state before the txn), checks every operation of that
 * path, then executes the operations in order. Inner responses carry a header with only the
 * revision: range sees the old revision until the txn's first write; a nested txn's response has
 * an empty header (present, all fields 0), as etcd sends it.
 */
final class TxnExecutor {
  private final BatchApplier applier;
  private long compacted;
  private long revisionBefore;

  TxnExecutor(BatchApplier applier) {
    this.applier = applier;
  }

  TxnResponse execute(TxnRequest txn) {
    this.compacted = applier.compacted();
    this.revisionBefore = applier.revision();
    TxnPath path = choose(txn);
    check(txn, path);
    TxnResponse.Builder response = run(txn, path);
    return response.setHeader(BatchApplier.header(applier.visibleRevision())).build();
  }

  private TxnPath choose(TxnRequest txn) {
    boolean succeeded = true;
    for (Compare compare : txn.getCompareList()) {
      if (!CompareEvaluator.holds(applier.view(), compare)) {
        succeeded = false;
        break;
      }
    }
    List<TxnPath> nested = new ArrayList<>();
    for (RequestOp op : succeeded ? txn.getSuccessList() : txn.getFailureList()) {
      if (op.hasRequestTxn()) {
        nested.add(choose(op.getRequestTxn()));
      }
    }
    return new TxnPath(succeeded, nested);
  }

  /** etcd checks every put on the path first, then every range (checkRequests twice). */
  private void check(TxnRequest txn, TxnPath path) {
    check(txn, path, true);
    check(txn, path, false);
  }

  private void check(TxnRequest txn, TxnPath path, boolean puts) {
    Iterator<TxnPath> nested = path.nested().iterator();
    for (RequestOp op : path.succeeded() ? txn.getSuccessList() : txn.getFailureList()) {
      if (op.hasRequestRange() && !puts) {
        RangeExecutor.checkRevision(
            op.getRequestRange().getRevision(), revisionBefore, compacted, "txn range");
      } else if (op.hasRequestPut() && puts) {
        applier.checkPut(op.getRequestPut());
      } else if (op.hasRequestTxn()) {
        check(op.getRequestTxn(), nested.next(), puts);
      }
    }
  }

  private TxnResponse.Builder run(TxnRequest txn, TxnPath path) {
    TxnResponse.Builder response = TxnResponse.newBuilder().setSucceeded(path.succeeded());
    Iterator<TxnPath> nested = path.nested().iterator();
    for (RequestOp op : path.succeeded() ? txn.getSuccessList() : txn.getFailureList()) {
      ResponseOp.Builder out = ResponseOp.newBuilder();
      switch (op.getRequestCase()) {
        case REQUEST_RANGE:
          out.setResponseRange(range(op.getRequestRange()));
          break;
        case REQUEST_PUT:
          out.setResponsePut(applier.put(op.getRequestPut()));
          break;
        case REQUEST_DELETE_RANGE:
          out.setResponseDeleteRange(applier.deleteRange(op.getRequestDeleteRange()));
          break;
        case REQUEST_TXN:
          // etcd sends a present but empty header for a nested txn (Go: &pb.ResponseHeader{}).
          out.setResponseTxn(run(op.getRequestTxn(), nested.next())
              .setHeader(ResponseHeader.getDefaultInstance()));
          break;
        default:
          throw new IllegalStateException("unchecked empty txn operation");
      }
      response.addResponses(out);
    }
    return response;
  }

  private dev.keel.kvstore.proto.RangeResponse range(RangeRequest request) {
    long visible = applier.visibleRevision();
    return RangeExecutor.execute(applier.view(), request, visible, compacted, visible);
  }

  /** Evaluates one compare; see etcd-api.md section 4. */
  static final class CompareEvaluator {
    private CompareEvaluator() {}

    static boolean holds(StoreView view, Compare compare) {
      KeyRange range = KeyRange.of(compare.getKey(), compare.getRangeEnd());
      List<KeyValue> kvs = view.currentRange(range);
      if (kvs.isEmpty()) {
        return compare.getTarget() != Compare.CompareTarget.VALUE
            && holdsFor(KeyValue.getDefaultInstance(), compare);
      }
      for (KeyValue kv : kvs) {
        if (!holdsFor(kv, compare)) {
          return false;
        }
      }
      return true;
    }

    private static boolean holdsFor(KeyValue kv, Compare compare) {
      int order;
      switch (compare.getTarget()) {
        case VALUE:
          order = KeyRange.ORDER.compare(kv.getValue(), compare.getValue());
          break;
        case CREATE:
          order = Long.compare(kv.getCreateRevision(), compare.getCreateRevision());
          break;
        case MOD:
          order = Long.compare(kv.getModRevision(), compare.getModRevision());
          break;
        case LEASE:
          order = Long.compare(kv.getLease(), compare.getLease());
          break;
        case VERSION:
        default:
          order = Long.compare(kv.getVersion(), compare.getVersion());
          break;
      }
      switch (compare.getResult()) {
        case EQUAL:
          return order == 0;
        case GREATER:
          return order > 0;
        case LESS:
          return order < 0;
        case NOT_EQUAL:
          return order != 0;
        default:
          throw new IllegalStateException("unknown compare result " + compare.getResult());
      }
    }
  }
}
