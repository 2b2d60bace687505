package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.TxnRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a write command before it runs, as etcd's API layer does: empty keys, request size, txn
 * operation count (the largest of compare/success/failure, a nested txn getting what its parent
 * leaves), and duplicate keys in one txn branch (two puts of a key, or a put inside a delete range;
 * a nested txn's branches may each put a key, but neither may clash with the outer branch).
 */
final class RequestChecker {
  private final int maxRequestBytes;
  private final int maxTxnOps;

  RequestChecker(int maxRequestBytes, int maxTxnOps) {
    this.maxRequestBytes = maxRequestBytes;
    this.maxTxnOps = maxTxnOps;
  }

  void check(Command command) {
    int size = command.getSerializedSize();
    if (size > maxRequestBytes) {
      throw new KvException(KvError.REQUEST_TOO_LARGE,
          "request of " + size + " bytes > limit of " + maxRequestBytes + " bytes");
    }
    switch (command.getOpCase()) {
      case PUT:
        requireKey(command.getPut().getKey(), "put key");
        break;
      case DELETE_RANGE:
        requireKey(command.getDeleteRange().getKey(), "delete key");
        break;
      case TXN:
        checkTxn(command.getTxn(), maxTxnOps);
        break;
      default:
        break;
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
      checkDuplicates(branch);
    }
  }

  private void checkOp(RequestOp op, int nestedLimit) {
    switch (op.getRequestCase()) {
      case REQUEST_RANGE:
        requireKey(op.getRequestRange().getKey(), "txn range key");
        break;
      case REQUEST_PUT:
        requireKey(op.getRequestPut().getKey(), "txn put key");
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

  private static void checkDuplicates(List<RequestOp> branch) {
    Set<ByteString> puts = new HashSet<>();
    List<KeyRange> deletes = new ArrayList<>();
    collect(branch, puts, deletes);
  }

  /** Adds the branch's puts and deletes, failing on a clash; nested branches are checked apart. */
  private static void collect(List<RequestOp> branch, Set<ByteString> puts, List<KeyRange> deletes) {
    for (RequestOp op : branch) {
      if (op.hasRequestPut()) {
        ByteString key = op.getRequestPut().getKey();
        if (!puts.add(key)) {
          throw duplicate(key);
        }
      } else if (op.hasRequestDeleteRange()) {
        deletes.add(KeyRange.of(op.getRequestDeleteRange().getKey(),
            op.getRequestDeleteRange().getRangeEnd()));
      }
    }
    for (ByteString put : puts) {
      for (KeyRange delete : deletes) {
        if (delete.contains(put)) {
          throw duplicate(put);
        }
      }
    }
    for (RequestOp op : branch) {
      if (op.hasRequestTxn()) {
        TxnRequest nested = op.getRequestTxn();
        for (List<RequestOp> nestedBranch : List.of(nested.getSuccessList(), nested.getFailureList())) {
          collect(nestedBranch, new HashSet<>(puts), new ArrayList<>(deletes));
        }
      }
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
