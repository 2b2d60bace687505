package dev.keel.kvstore.client;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.DeleteRangeRequest;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.TxnResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Builds and commits one transaction: compares (all must hold), then the success ops, else the
 * failure ops. A compare-and-swap on a key's mod revision:
 *
 * <pre>{@code
 * client.txn()
 *     .ifModRevision(key, Compare.CompareResult.EQUAL, seenRevision)
 *     .thenPut(key, newValue)
 *     .elseGet(key)
 *     .commit();
 * }</pre>
 */
public final class TxnBuilder {
  private final KvClient client;
  private final TxnRequest.Builder txn = TxnRequest.newBuilder();

  TxnBuilder(KvClient client) {
    this.client = client;
  }

  public TxnBuilder compare(Compare compare) {
    txn.addCompare(compare);
    return this;
  }

  public TxnBuilder ifVersion(ByteString key, Compare.CompareResult result, long version) {
    return compare(cmp(key, result, Compare.CompareTarget.VERSION).setVersion(version).build());
  }

  public TxnBuilder ifCreateRevision(ByteString key, Compare.CompareResult result, long rev) {
    return compare(
        cmp(key, result, Compare.CompareTarget.CREATE).setCreateRevision(rev).build());
  }

  public TxnBuilder ifModRevision(ByteString key, Compare.CompareResult result, long rev) {
    return compare(cmp(key, result, Compare.CompareTarget.MOD).setModRevision(rev).build());
  }

  public TxnBuilder ifValue(ByteString key, Compare.CompareResult result, ByteString value) {
    return compare(cmp(key, result, Compare.CompareTarget.VALUE).setValue(value).build());
  }

  public TxnBuilder ifLease(ByteString key, Compare.CompareResult result, long lease) {
    return compare(cmp(key, result, Compare.CompareTarget.LEASE).setLease(lease).build());
  }

  /** True when {@code key} does not exist (version 0). */
  public TxnBuilder ifAbsent(ByteString key) {
    return ifVersion(key, Compare.CompareResult.EQUAL, 0);
  }

  public TxnBuilder then(RequestOp op) {
    txn.addSuccess(op);
    return this;
  }

  public TxnBuilder thenPut(ByteString key, ByteString value) {
    return then(put(key, value));
  }

  public TxnBuilder thenDelete(ByteString key) {
    return then(delete(key));
  }

  public TxnBuilder thenGet(ByteString key) {
    return then(get(key));
  }

  public TxnBuilder orElse(RequestOp op) {
    txn.addFailure(op);
    return this;
  }

  public TxnBuilder elsePut(ByteString key, ByteString value) {
    return orElse(put(key, value));
  }

  public TxnBuilder elseDelete(ByteString key) {
    return orElse(delete(key));
  }

  public TxnBuilder elseGet(ByteString key) {
    return orElse(get(key));
  }

  public TxnRequest build() {
    return txn.build();
  }

  public TxnResponse commit() {
    return client.txn(build());
  }

  public CompletableFuture<TxnResponse> commitAsync() {
    return client.txnAsync(build());
  }

  public static RequestOp put(ByteString key, ByteString value) {
    return RequestOp.newBuilder()
        .setRequestPut(PutRequest.newBuilder().setKey(key).setValue(value)).build();
  }

  public static RequestOp delete(ByteString key) {
    return RequestOp.newBuilder()
        .setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(key)).build();
  }

  public static RequestOp get(ByteString key) {
    return RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(key)).build();
  }

  private static Compare.Builder cmp(ByteString key, Compare.CompareResult result,
      Compare.CompareTarget target) {
    return Compare.newBuilder().setKey(key).setResult(result).setTarget(target);
  }
}
