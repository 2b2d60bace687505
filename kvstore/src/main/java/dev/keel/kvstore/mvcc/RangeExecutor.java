package dev.keel.kvstore.mvcc;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
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
 * Executes etcd's Range on a view: revision checks, then count over the whole interval, min/max
 * filters, sort, and only then the limit (so {@code more} is decided after filtering and sorting),
 * then keys_only / count_only. Ties in a sort are broken by key order.
 */
final class RangeExecutor {
  private RangeExecutor() {}

  /**
   * @param current the store revision (the latest readable)
   * @param compacted the compacted revision (reads at it still work)
   * @param headerRevision the revision to put in the response header
   */
  static RangeResponse execute(
      StoreView view, RangeRequest request, long current, long compacted, long headerRevision) {
    checkRevision(request.getRevision(), current, compacted, "range");
    if (request.getKey().isEmpty()) {
      throw new KvException(KvError.EMPTY_KEY, "range key is empty");
    }
    KeyRange range = KeyRange.of(request.getKey(), request.getRangeEnd());
    long rev = request.getRevision() <= 0 ? current : request.getRevision();
    RangeResponse.Builder response = RangeResponse.newBuilder()
        .setHeader(ResponseHeader.newBuilder().setRevision(headerRevision));
    if (request.getCountOnly() && !hasFilters(request)) {
      long count = rev == current ? view.currentCount(range) : view.rangeAt(range, rev).size();
      return response.setCount(count).build();
    }
    List<KeyValue> all = rev == current ? view.currentRange(range) : view.rangeAt(range, rev);
    response.setCount(all.size());
    if (request.getCountOnly()) {
      return response.build();
    }
    List<KeyValue> selected = filter(all, request);
    sort(selected, request);
    long limit = request.getLimit();
    if (limit > 0 && selected.size() > limit) {
      selected = selected.subList(0, (int) limit);
      response.setMore(true);
    }
    for (KeyValue kv : selected) {
      response.addKvs(request.getKeysOnly() ? kv.toBuilder().clearValue().build() : kv);
    }
    return response.build();
  }

  /** Fails a read at {@code revision} (<= 0 meaning latest) that is compacted or in the future. */
  static void checkRevision(long revision, long current, long compacted, String what) {
    if (revision > current) {
      throw new KvException(KvError.FUTURE_REVISION,
          what + " revision " + revision + " > current revision " + current);
    }
    if (revision > 0 && revision < compacted) {
      throw new KvException(KvError.COMPACTED,
          what + " revision " + revision + " < compacted revision " + compacted);
    }
  }

  private static boolean hasFilters(RangeRequest r) {
    return r.getMinModRevision() > 0 || r.getMaxModRevision() > 0
        || r.getMinCreateRevision() > 0 || r.getMaxCreateRevision() > 0;
  }

  private static List<KeyValue> filter(List<KeyValue> all, RangeRequest r) {
    if (!hasFilters(r)) {
      return new ArrayList<>(all);
    }
    List<KeyValue> out = new ArrayList<>();
    for (KeyValue kv : all) {
      if (r.getMinModRevision() > 0 && kv.getModRevision() < r.getMinModRevision()
          || r.getMaxModRevision() > 0 && kv.getModRevision() > r.getMaxModRevision()
          || r.getMinCreateRevision() > 0 && kv.getCreateRevision() < r.getMinCreateRevision()
          || r.getMaxCreateRevision() > 0 && kv.getCreateRevision() > r.getMaxCreateRevision()) {
        continue;
      }
      out.add(kv);
    }
    return out;
  }

  private static void sort(List<KeyValue> kvs, RangeRequest r) {
    SortOrder order = r.getSortOrder();
    SortTarget target = r.getSortTarget();
    if (target == SortTarget.KEY && order != SortOrder.DESCEND) {
      return; // natural key order
    }
    Comparator<KeyValue> byTarget = comparator(target);
    if (order == SortOrder.DESCEND) {
      byTarget = byTarget.reversed();
    }
    // The list is in key order and List.sort is stable, so ties stay in key order.
    kvs.sort(byTarget);
  }

  private static Comparator<KeyValue> comparator(SortTarget target) {
    switch (target) {
      case VERSION:
        return Comparator.comparingLong(KeyValue::getVersion);
      case CREATE:
        return Comparator.comparingLong(KeyValue::getCreateRevision);
      case MOD:
        return Comparator.comparingLong(KeyValue::getModRevision);
      case VALUE:
        return Comparator.comparing(KeyValue::getValue, KeyRange.ORDER);
      case KEY:
      default:
        return Comparator.comparing(KeyValue::getKey, KeyRange.ORDER);
    }
  }
}
