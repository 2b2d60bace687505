package dev.keel.kvstore.grpc;

import com.google.protobuf.MessageLite;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.DeleteRangeRequest;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.TxnRequest;

/**
 * The checks etcd's API layer makes before a request reaches the store (v3rpc/key.go), in the
 * same order, so the same bad request gets the same error. Duplicate keys in a txn are left to the
 * store, which must check them anyway.
 */
final class RequestChecks {
  private final int maxRequestBytes;
  private final int maxTxnOps;

  RequestChecks(int maxRequestBytes, int maxTxnOps) {
    this.maxRequestBytes = maxRequestBytes;
    this.maxTxnOps = maxTxnOps;
  }

  /** Write requests larger than max-request-bytes are refused, as etcd refuses the proposal. */
  void size(String method, MessageLite request) {
    int size = request.getSerializedSize();
    if (size > maxRequestBytes) {
      throw new KvException(KvError.REQUEST_TOO_LARGE,
          method + " request of " + size + " bytes > max-request-bytes " + maxRequestBytes);
    }
  }

  void range(RangeRequest r) {
    if (r.getKey().isEmpty()) {
      throw new KvException(KvError.EMPTY_KEY, "range key is empty");
    }
  }

  void put(PutRequest r) {
    if (r.getKey().isEmpty()) {
      throw new KvException(KvError.EMPTY_KEY, "put key is empty");
    }
    if (r.getIgnoreValue() && !r.getValue().isEmpty()) {
      throw new KvException(KvError.VALUE_PROVIDED,
          "put with ignore_value carries a value of " + r.getValue().size() + " bytes");
    }
    if (r.getIgnoreLease() && r.getLease() != 0) {
      throw new KvException(KvError.LEASE_PROVIDED,
          "put with ignore_lease carries lease " + r.getLease());
    }
  }

  void deleteRange(DeleteRangeRequest r) {
    if (r.getKey().isEmpty()) {
      throw new KvException(KvError.EMPTY_KEY, "delete key is empty");
    }
  }

  void txn(TxnRequest r) {
    txn(r, maxTxnOps);
  }

  private void txn(TxnRequest r, int limit) {
    int ops = Math.max(r.getCompareCount(), Math.max(r.getSuccessCount(), r.getFailureCount()));
    if (ops > limit) {
      throw new KvException(KvError.TOO_MANY_OPS,
          "txn branch of " + ops + " compares/ops > max-txn-ops " + limit);
    }
    for (Compare c : r.getCompareList()) {
      if (c.getKey().isEmpty()) {
        throw new KvException(KvError.EMPTY_KEY, "txn compare key is empty");
      }
    }
    for (RequestOp op : r.getSuccessList()) {
      op(op, limit - ops);
    }
    for (RequestOp op : r.getFailureList()) {
      op(op, limit - ops);
    }
  }

  private void op(RequestOp op, int limit) {
    switch (op.getRequestCase()) {
      case REQUEST_RANGE -> range(op.getRequestRange());
      case REQUEST_PUT -> put(op.getRequestPut());
      case REQUEST_DELETE_RANGE -> deleteRange(op.getRequestDeleteRange());
      case REQUEST_TXN -> txn(op.getRequestTxn(), limit);
      default -> throw new KvException(KvError.KEY_NOT_FOUND, "txn contains an empty request op");
    }
  }
}
