package dev.keel.kvstore.mvcc;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.DeleteRangeRequest;
import dev.keel.kvstore.proto.DeleteRangeResponse;
import dev.keel.kvstore.proto.KeyValue;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.PutResponse;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.ResponseHeader;
import dev.keel.kvstore.proto.ResponseOp;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.TxnResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * etcd 3.4's Txn apply (etcdserver/apply.go): the path of chosen branches, nested txns included,
 * is decided up front from the state before the txn (compareToPath); then every put on the path is
 * checked (ignore_* needs the key, the lease must exist), then every range revision; then the ops
 * run in order, later ops seeing earlier writes. Inner headers hold only {@code revision}; a
 * nested txn's header is present but empty.
 */
final class ModelTxn {
  private final ModelKeyspace keyspace;
  private final long begin;
  private final long compactRevision;
  private final Set<Long> leases;

  ModelTxn(ModelKeyspace keyspace, long begin, long compactRevision, Set<Long> leases) {
    this.keyspace = keyspace;
    this.begin = begin;
    this.compactRevision = compactRevision;
    this.leases = leases;
  }

  /** Pre-order list of branch choices: this txn's, then each nested txn on the chosen branch. */
  List<Boolean> compareToPath(TxnRequest r) {
    List<Boolean> path = new ArrayList<>();
    boolean ok = r.getCompareList().stream().allMatch(this::compare);
    path.add(ok);
    for (RequestOp op : ok ? r.getSuccessList() : r.getFailureList()) {
      if (op.hasRequestTxn()) {
        path.addAll(compareToPath(op.getRequestTxn()));
      }
    }
    return path;
  }

  void checkChosenOps(TxnRequest r, List<Boolean> path) {
    forEachChosen(r, path.iterator(), this::checkPut);
    forEachChosen(r, path.iterator(), this::checkRange);
  }

  TxnResponse execute(ModelWrite w, TxnRequest r, Iterator<Boolean> path) {
    boolean ok = path.next();
    TxnResponse.Builder resp = TxnResponse.newBuilder().setSucceeded(ok);
    for (RequestOp op : ok ? r.getSuccessList() : r.getFailureList()) {
      ResponseOp.Builder out = ResponseOp.newBuilder();
      switch (op.getRequestCase()) {
        case REQUEST_RANGE:
          out.setResponseRange(range(w, op.getRequestRange()));
          break;
        case REQUEST_PUT:
          out.setResponsePut(put(w, op.getRequestPut()));
          break;
        case REQUEST_DELETE_RANGE:
          out.setResponseDeleteRange(delete(w, op.getRequestDeleteRange()));
          break;
        case REQUEST_TXN:
          out.setResponseTxn(execute(w, op.getRequestTxn(), path).toBuilder()
              .setHeader(ResponseHeader.getDefaultInstance()));
          break;
        default:
          throw new IllegalStateException("empty op passed the static checks");
      }
      resp.addResponses(out);
    }
    return resp.build();
  }

  static PutResponse put(ModelWrite w, PutRequest r) {
    Optional<KeyValue> prev = w.get(r.getKey());
    if ((r.getIgnoreValue() || r.getIgnoreLease()) && prev.isEmpty()) {
      throw new KvException(KvError.KEY_NOT_FOUND,
          "ignore_value/ignore_lease on missing key " + r.getKey().toStringUtf8());
    }
    PutResponse.Builder resp = PutResponse.newBuilder();
    if (r.getPrevKv()) {
      prev.ifPresent(resp::setPrevKv);
    }
    w.put(r.getKey(),
        r.getIgnoreValue() ? prev.orElseThrow().getValue() : r.getValue(),
        r.getIgnoreLease() ? prev.orElseThrow().getLease() : r.getLease());
    return resp.setHeader(MvccModel.header(w.writeRevision())).build();
  }

  static DeleteRangeResponse delete(ModelWrite w, DeleteRangeRequest r) {
    List<KeyValue> doomed = w.range(KeyInterval.of(r.getKey(), r.getRangeEnd()));
    DeleteRangeResponse.Builder resp = DeleteRangeResponse.newBuilder().setDeleted(doomed.size());
    if (r.getPrevKv()) {
      resp.addAllPrevKvs(doomed);
    }
    doomed.forEach(w::delete);
    return resp.setHeader(MvccModel.header(w.currentRevision())).build();
  }

  private static dev.keel.kvstore.proto.RangeResponse range(ModelWrite w, RangeRequest r) {
    long rev = r.getRevision() > 0 ? r.getRevision() : w.writeRevision();
    List<KeyValue> live = w.rangeAt(KeyInterval.of(r.getKey(), r.getRangeEnd()), rev);
    return ModelRange.read(live, r, w.currentRevision());
  }

  private boolean compare(Compare c) {
    List<KeyValue> kvs = keyspace.range(KeyInterval.of(c.getKey(), c.getRangeEnd()), begin);
    if (kvs.isEmpty()) {
      return c.getTarget() != Compare.CompareTarget.VALUE
          && compareKv(c, KeyValue.getDefaultInstance());
    }
    return kvs.stream().allMatch(kv -> compareKv(c, kv));
  }

  private static boolean compareKv(Compare c, KeyValue kv) {
    int result;
    switch (c.getTarget()) {
      case VALUE:
        result = KeyInterval.KEY_ORDER.compare(kv.getValue(), c.getValue());
        break;
      case CREATE:
        result = Long.compare(kv.getCreateRevision(), c.getCreateRevision());
        break;
      case MOD:
        result = Long.compare(kv.getModRevision(), c.getModRevision());
        break;
      case VERSION:
        result = Long.compare(kv.getVersion(), c.getVersion());
        break;
      case LEASE:
        result = Long.compare(kv.getLease(), c.getLease());
        break;
      default:
        result = 0;
    }
    switch (c.getResult()) {
      case EQUAL:
        return result == 0;
      case NOT_EQUAL:
        return result != 0;
      case GREATER:
        return result > 0;
      case LESS:
        return result < 0;
      default:
        return true;
    }
  }

  private void checkPut(RequestOp op) {
    if (!op.hasRequestPut()) {
      return;
    }
    PutRequest r = op.getRequestPut();
    if ((r.getIgnoreValue() || r.getIgnoreLease()) && keyspace.get(r.getKey(), begin).isEmpty()) {
      throw new KvException(KvError.KEY_NOT_FOUND,
          "ignore_value/ignore_lease on missing key " + r.getKey().toStringUtf8());
    }
    if (r.getLease() != 0 && !leases.contains(r.getLease())) {
      throw new KvException(KvError.LEASE_NOT_FOUND, "lease " + r.getLease());
    }
  }

  private void checkRange(RequestOp op) {
    if (!op.hasRequestRange() || op.getRequestRange().getRevision() == 0) {
      return;
    }
    long rev = op.getRequestRange().getRevision();
    if (rev > begin) {
      throw new KvException(KvError.FUTURE_REVISION, "txn range revision " + rev);
    }
    if (rev < compactRevision) {
      throw new KvException(KvError.COMPACTED, "txn range revision " + rev);
    }
  }

  private static void forEachChosen(
      TxnRequest r, Iterator<Boolean> path, java.util.function.Consumer<RequestOp> check) {
    boolean ok = path.next();
    for (RequestOp op : ok ? r.getSuccessList() : r.getFailureList()) {
      if (op.hasRequestTxn()) {
        forEachChosen(op.getRequestTxn(), path, check);
      } else {
        check.accept(op);
      }
    }
  }
}
