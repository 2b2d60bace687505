package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.TxnRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a write command before it runs, as etcd's API layer does: empty keys, request size, txn
 * operation count (the largest of compare/success/failure, a nested txn getting what its parent
 * leaves), ignore_value/ignore_lease with a value/lease in any branch, then duplicate keys in one
 * txn branch (two puts of a key, or a put inside a delete range; a nested txn's branches may each
 * put a key, but neither may clash with the outer branch or a sibling nested txn), then the size.
 */
final class RequestChecker {
  private final int maxRequestBytes;
  private final int maxTxnOps;

  RequestChecker(int maxRequestBytes, int maxTxnOps) {
    this.maxRequestBytes = maxRequestBytes;
    this.maxTxnOps = maxTxnOps;
  }

  void check(Command command) {
    // etcd's API layer validates the request first; the size is checked when it is proposed.
    switch (command.getOpCase()) {
      case PUT:
        checkPut(command.getPut(), "put key");
        break;
      case DELETE_RANGE:
        requireKey(command.getDeleteRange().getKey(), "delete key");
        break;
      case TXN:
        checkTxn(command.getTxn(), maxTxnOps);
        checkDuplicates(command.getTxn().getSuccessList());
        checkDuplicates(command.getTxn().getFailureList());
        break;
      default:
        break;
    }
    int size = command.getSerializedSize();
    if (size > maxRequestBytes) {
      throw new KvException(KvError.REQUEST_TOO_LARGE,
          "request of " + size + " bytes > limit of " + maxRequestBytes + " bytes");
    }
  }

  /** etcd's checkPutRequest: for every put, chosen branch or not. */
  private static void checkPut(PutRequest put, String what) {
    requireKey(put.getKey(), what);
    if (put.getIgnoreValue() && !put.getValue().isEmpty()) {
      throw new KvException(KvError.VALUE_PROVIDED,
          "put of key \"" + put.getKey().toStringUtf8() + "\" has ignore_value and a value");
    }
    if (put.getIgnoreLease() && put.getLease() != 0) {
      throw new KvException(KvError.LEASE_PROVIDED,
          "put of key \"" + put.getKey().toStringUtf8() + "\" has ignore_lease and lease "
              + put.getLease());
    }
  }

  private void checkTxn(TxnRequest txn, int limit) {
    int largest = Math.max(txn.getCompareCount(),
        Math.max(txn.getSuccessCount(), txn.getFailureCount()));
    if (largest > limit) {
      throw new KvException(KvError.TOO_MANY_OPS,
          "txn has " + largest + " operations in one list > limit of " + limit);
    }
    for (Compare compare : txn.getCompareList()) {
      requireKey(compare.getKey(), "txn compare key");
    }
    for (List<RequestOp> branch : List.of(txn.getSuccessList(), txn.getFailureList())) {
      for (RequestOp op : branch) {
        checkOp(op, limit - largest);
      }
    }
  }

  private void checkOp(RequestOp op, int nestedLimit) {
    switch (op.getRequestCase()) {
      case REQUEST_RANGE:
        requireKey(op.getRequestRange().getKey(), "txn range key");
        break;
      case REQUEST_PUT:
        checkPut(op.getRequestPut(), "txn put key");
        break;
      case REQUEST_DELETE_RANGE:
        requireKey(op.getRequestDeleteRange().getKey(), "txn delete key");
        break;
      case REQUEST_TXN:
        checkTxn(op.getRequestTxn(), nestedLimit);
        break;
      default:
        throw new KvException(KvError.KEY_NOT_FOUND, "txn operation has no request set");
    }
  }

  /** A branch's puts and delete ranges, its nested txns' included. */
  private record Writes(Set<ByteString> puts, List<KeyRange> deletes) {}

  /**
   * etcd's checkIntervals: this level's deletes first; then each nested txn's puts (then and else
   * may put the same key, but not a key another nested txn or a delete of this level writes);
   * then this level's puts against all puts and deletes so far, nested deletes included.
   */
  private static Writes checkDuplicates(List<RequestOp> branch) {
    List<KeyRange> deletes = new ArrayList<>();
    for (RequestOp op : branch) {
      if (op.hasRequestDeleteRange()) {
        deletes.add(KeyRange.of(op.getRequestDeleteRange().getKey(),
            op.getRequestDeleteRange().getRangeEnd()));
      }
    }
    Set<ByteString> puts = new HashSet<>();
    for (RequestOp op : branch) {
      if (!op.hasRequestTxn()) {
        continue;
      }
      Writes then = checkDuplicates(op.getRequestTxn().getSuccessList());
      Writes otherwise = checkDuplicates(op.getRequestTxn().getFailureList());
      for (ByteString key : then.puts()) {
        requireUnwritten(key, puts.contains(key), deletes);
        puts.add(key);
      }
      for (ByteString key : otherwise.puts()) {
        requireUnwritten(key, puts.contains(key) && !then.puts().contains(key), deletes);
        puts.add(key);
      }
      deletes.addAll(then.deletes());
      deletes.addAll(otherwise.deletes());
    }
    for (RequestOp op : branch) {
      if (op.hasRequestPut()) {
        ByteString key = op.getRequestPut().getKey();
        requireUnwritten(key, puts.contains(key), deletes);
        puts.add(key);
      }
    }
    return new Writes(puts, deletes);
  }

  private static void requireUnwritten(ByteString key, boolean put, List<KeyRange> deletes) {
    if (put || deletes.stream().anyMatch(d -> d.contains(key))) {
      throw duplicate(key);
    }
  }

  private static KvException duplicate(ByteString key) {
    return new KvException(KvError.DUPLICATE_KEY,
        "key \"" + key.toStringUtf8() + "\" is written twice in one txn branch");
  }

  static void requireKey(ByteString key, String what) {
    if (key.isEmpty()) {
      throw new KvException(KvError.EMPTY_KEY, what + " is empty");
    }
  }
}
