package dev.keel.kvstore.mvcc;

import dev.keel.kvstore.proto.KeyValue;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeRequest.SortOrder;
import dev.keel.kvstore.proto.RangeRequest.SortTarget;
import dev.keel.kvstore.proto.RangeResponse;
import dev.keel.kvstore.proto.ResponseHeader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * etcd 3.4's Range post-processing (etcdserver/apply.go): count is taken before the min/max
 * filters; filters, then sort (a non-KEY target with order NONE sorts ASCEND), then truncate to
 * limit with {@code more}; keys_only clears values last; count_only returns no kvs. Ties of a
 * non-KEY sort are broken by key ascending (etcd leaves them unspecified).
 */
final class ModelRange {
  private ModelRange() {}

  static RangeResponse read(List<KeyValue> live, RangeRequest r, long headerRevision) {
    RangeResponse.Builder resp =
        RangeResponse.newBuilder()
            .setHeader(ResponseHeader.newBuilder().setRevision(headerRevision))
            .setCount(live.size());
    if (r.getCountOnly()) {
      return resp.build();
    }
    List<KeyValue> kvs = sortedCandidates(live, r);
    if (r.getLimit() > 0 && kvs.size() > r.getLimit()) {
      kvs = kvs.subList(0, (int) r.getLimit());
      resp.setMore(true);
    }
    for (KeyValue kv : kvs) {
      resp.addKvs(r.getKeysOnly() ? kv.toBuilder().clearValue().build() : kv);
    }
    return resp.build();
  }

  /** The filtered, sorted list before truncation to limit (values intact). */
  static List<KeyValue> sortedCandidates(List<KeyValue> live, RangeRequest r) {
    List<KeyValue> kvs = new ArrayList<>();
    for (KeyValue kv : live) {
      if (r.getMaxModRevision() != 0 && kv.getModRevision() > r.getMaxModRevision()) {
        continue;
      }
      if (r.getMinModRevision() != 0 && kv.getModRevision() < r.getMinModRevision()) {
        continue;
      }
      if (r.getMaxCreateRevision() != 0 && kv.getCreateRevision() > r.getMaxCreateRevision()) {
        continue;
      }
      if (r.getMinCreateRevision() != 0 && kv.getCreateRevision() < r.getMinCreateRevision()) {
        continue;
      }
      kvs.add(kv);
    }
    SortOrder order = effectiveOrder(r);
    if (order == SortOrder.NONE) {
      return kvs;
    }
    Comparator<KeyValue> bySortValue = sortValueOrder(r.getSortTarget());
    if (order == SortOrder.DESCEND) {
      bySortValue = bySortValue.reversed();
    }
    kvs.sort(bySortValue.thenComparing(KeyValue::getKey, KeyInterval.KEY_ORDER));
    return kvs;
  }

  static SortOrder effectiveOrder(RangeRequest r) {
    if (r.getSortTarget() != SortTarget.KEY && r.getSortOrder() == SortOrder.NONE) {
      return SortOrder.ASCEND;
    }
    return r.getSortOrder();
  }

  /** True when ties between kvs are possible, so the order of equal sort values is unspecified. */
  static boolean tiesPossible(RangeRequest r) {
    return r.getSortTarget() != SortTarget.KEY;
  }

  static Comparator<KeyValue> sortValueOrder(SortTarget target) {
    switch (target) {
      case VERSION:
        return Comparator.comparingLong(KeyValue::getVersion);
      case CREATE:
        return Comparator.comparingLong(KeyValue::getCreateRevision);
      case MOD:
        return Comparator.comparingLong(KeyValue::getModRevision);
      case VALUE:
        return Comparator.comparing(KeyValue::getValue, KeyInterval.KEY_ORDER);
      default:
        return Comparator.comparing(KeyValue::getKey, KeyInterval.KEY_ORDER);
    }
  }
}
