package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.proto.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every version of every key the model has seen, never compacted away (the model refuses reads
 * below the compacted revision instead). A tombstone is a version whose kv is empty.
 */
final class ModelKeyspace {

  /** One write to a key: the kv after it, or a tombstone (deleted). */
  record Version(long revision, Optional<KeyValue> kv) {}

  private final TreeMap<ByteString, List<Version>> history = new TreeMap<>(KeyInterval.KEY_ORDER);

  /** The key's kv as of revision {@code rev} (inclusive). */
  Optional<KeyValue> get(ByteString key, long rev) {
    List<Version> versions = history.get(key);
    if (versions == null) {
      return Optional.empty();
    }
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (versions.get(i).revision() <= rev) {
        return versions.get(i).kv();
      }
    }
    return Optional.empty();
  }

  /** The live kvs in {@code interval} at revision {@code rev}, in key order. */
  List<KeyValue> range(KeyInterval interval, long rev) {
    List<KeyValue> out = new ArrayList<>();
    if (interval.empty()) {
      return out;
    }
    if (interval.singleKey()) {
      get(interval.key(), rev).ifPresent(out::add);
      return out;
    }
    for (Map.Entry<ByteString, List<Version>> e : history.tailMap(interval.key(), true).entrySet()) {
      if (!interval.contains(e.getKey())) {
        break;
      }
      get(e.getKey(), rev).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Records a write at {@code rev}. A key may be written twice in one revision (etcd lets one
   * nested txn put a key that a later sibling nested txn deletes): the last write wins.
   */
  void record(ByteString key, long rev, Optional<KeyValue> kv) {
    List<Version> versions = history.computeIfAbsent(key, k -> new ArrayList<>());
    long last = versions.isEmpty() ? 0 : versions.get(versions.size() - 1).revision();
    if (last > rev) {
      throw new IllegalStateException("model: write to " + key.toStringUtf8() + " at " + rev
          + " after one at " + last);
    }
    if (last == rev) {
      versions.remove(versions.size() - 1);
    }
    versions.add(new Version(rev, kv));
  }
}
