package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.proto.Compare;
import dev.keel.kvstore.proto.DeleteRangeRequest;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RequestOp;
import dev.keel.kvstore.proto.TxnRequest;

/** Short builders for test requests; keys and values are UTF-8 strings. */
public final class Requests {
  private Requests() {}

  public static ByteString bs(String s) {
    return ByteString.copyFromUtf8(s);
  }

  public static PutRequest put(String key, String value) {
    return PutRequest.newBuilder().setKey(bs(key)).setValue(bs(value)).build();
  }

  public static PutRequest put(String key, String value, long lease) {
    return put(key, value).toBuilder().setLease(lease).build();
  }

  public static DeleteRangeRequest delete(String key) {
    return DeleteRangeRequest.newBuilder().setKey(bs(key)).build();
  }

  public static DeleteRangeRequest delete(String key, String rangeEnd) {
    return DeleteRangeRequest.newBuilder().setKey(bs(key)).setRangeEnd(bs(rangeEnd)).build();
  }

  public static RangeRequest get(String key) {
    return RangeRequest.newBuilder().setKey(bs(key)).build();
  }

  public static RangeRequest range(String key, String rangeEnd) {
    return RangeRequest.newBuilder().setKey(bs(key)).setRangeEnd(bs(rangeEnd)).build();
  }

  /** Every key. */
  public static RangeRequest all() {
    return range("\0", "\0");
  }

  public static RequestOp op(PutRequest r) {
    return RequestOp.newBuilder().setRequestPut(r).build();
  }

  public static RequestOp op(DeleteRangeRequest r) {
    return RequestOp.newBuilder().setRequestDeleteRange(r).build();
  }

  public static RequestOp op(RangeRequest r) {
    return RequestOp.newBuilder().setRequestRange(r).build();
  }

  public static RequestOp op(TxnRequest r) {
    return RequestOp.newBuilder().setRequestTxn(r).build();
  }

  public static TxnRequest txn(Compare compare, RequestOp... success) {
    TxnRequest.Builder b = TxnRequest.newBuilder().addCompare(compare);
    for (RequestOp op : success) {
      b.addSuccess(op);
    }
    return b.build();
  }

  public static TxnRequest txn(RequestOp... success) {
    TxnRequest.Builder b = TxnRequest.newBuilder();
    for (RequestOp op : success) {
      b.addSuccess(op);
    }
    return b.build();
  }

  public static Compare versionEquals(String key, long version) {
    return Compare.newBuilder().setKey(bs(key)).setTarget(Compare.CompareTarget.VERSION)
        .setResult(Compare.CompareResult.EQUAL).setVersion(version).build();
  }

  public static Compare valueCompare(String key, Compare.CompareResult result, String value) {
    return Compare.newBuilder().setKey(bs(key)).setTarget(Compare.CompareTarget.VALUE)
        .setResult(result).setValue(bs(value)).build();
  }
}
