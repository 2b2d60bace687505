package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.TxnRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks etcd's gRPC layer makes before a request reaches Raft (v3rpc/key.go): empty keys,
 * ignore_* conflicts, too many txn ops (the largest of the three lists; a nested txn gets the
 * parent's remaining budget), empty request ops, and duplicate keys per branch (checkIntervals).
 */
final class ModelRequestChecks {
  private ModelRequestChecks() {}

  static void checkKey(ByteString key, String what) {
    if (key.isEmpty()) {
      throw new KvException(KvError.EMPTY_KEY, what + " key is empty");
    }
  }

  static void checkPut(PutRequest r) {
    checkKey(r.getKey(), "put");
    if (r.getIgnoreValue() && !r.getValue().isEmpty()) {
      throw new KvException(KvError.VALUE_PROVIDED, "ignore_value with a value");
    }
    if (r.getIgnoreLease() && r.getLease() != 0) {
      throw new KvException(KvError.LEASE_PROVIDED, "ignore_lease with lease " + r.getLease());
    }
  }

  static void checkTxn(TxnRequest r, int maxOps) {
    int opc = Math.max(r.getCompareCount(), Math.max(r.getSuccessCount(), r.getFailureCount()));
    if (opc > maxOps) {
      throw new KvException(KvError.TOO_MANY_OPS, "txn has " + opc + " ops, limit " + maxOps);
    }
    for (Compare c : r.getCompareList()) {
      checkKey(c.getKey(), "compare");
    }
    for (RequestOp op : r.getSuccessList()) {
      checkOp(op, maxOps - opc);
    }
    for (RequestOp op : r.getFailureList()) {
      checkOp(op, maxOps - opc);
    }
  }

  private static void checkOp(RequestOp op, int maxOps) {
    switch (op.getRequestCase()) {
      case REQUEST_RANGE:
        checkKey(op.getRequestRange().getKey(), "range");
        break;
      case REQUEST_PUT:
        checkPut(op.getRequestPut());
        break;
      case REQUEST_DELETE_RANGE:
        checkKey(op.getRequestDeleteRange().getKey(), "delete");
        break;
      case REQUEST_TXN:
        checkTxn(op.getRequestTxn(), maxOps);
        break;
      default:
        throw new KvException(KvError.KEY_NOT_FOUND, "empty request op");
    }
  }

  /** etcd's checkIntervals for both branches, in that order. */
  static void checkDuplicates(TxnRequest r) {
    checkIntervals(r.getSuccessList());
    checkIntervals(r.getFailureList());
  }

  private record Writes(Set<ByteString> puts, List<KeyInterval> dels) {}

  private static Writes checkIntervals(List<RequestOp> ops) {
    List<KeyInterval> dels = new ArrayList<>();
    for (RequestOp op : ops) {
      if (op.hasRequestDeleteRange()) {
        dels.add(KeyInterval.of(op.getRequestDeleteRange().getKey(),
            op.getRequestDeleteRange().getRangeEnd()));
      }
    }
    Set<ByteString> puts = new HashSet<>();
    for (RequestOp op : ops) {
      if (!op.hasRequestTxn()) {
        continue;
      }
      Writes then = checkIntervals(op.getRequestTxn().getSuccessList());
      Writes otherwise = checkIntervals(op.getRequestTxn().getFailureList());
      for (ByteString k : then.puts()) {
        requireFree(k, puts.contains(k), dels);
        puts.add(k);
      }
      for (ByteString k : otherwise.puts()) {
        requireFree(k, puts.contains(k) && !then.puts().contains(k), dels);
        puts.add(k);
      }
      dels.addAll(then.dels());
      dels.addAll(otherwise.dels());
    }
    for (RequestOp op : ops) {
      if (op.hasRequestPut()) {
        ByteString k = op.getRequestPut().getKey();
        requireFree(k, puts.contains(k), dels);
        puts.add(k);
      }
    }
    return new Writes(puts, dels);
  }

  private static void requireFree(ByteString key, boolean alreadyPut, List<KeyInterval> dels) {
    if (alreadyPut || dels.stream().anyMatch(d -> d.contains(key))) {
      throw new KvException(KvError.DUPLICATE_KEY, "key " + key.toStringUtf8() + " written twice");
    }
  }
}
