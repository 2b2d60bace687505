package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.keel.kvstore.backend.Column;
import dev.keel.kvstore.backend.RocksBackend;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.KeyValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatchWithIndex;

/**
 * A consistent read view of the store: either a RocksDB snapshot (reads from clients) or the
 * database merged with a pending write batch (reads inside an apply, which must see the batch's
 * earlier writes). Not thread-safe; lives for one request.
 */
final class StoreView {
  private final RocksBackend backend;
  private final ReadOptions options;
  private final Optional<WriteBatchWithIndex> batch;

  StoreView(RocksBackend backend, ReadOptions options, Optional<WriteBatchWithIndex> batch) {
    this.backend = backend;
    this.options = options;
    this.batch = batch;
  }

  byte[] get(Column column, byte[] key) {
    return batch.isPresent()
        ? backend.get(batch.get(), options, column, key)
        : backend.get(options, column, key);
  }

  ColumnFamilyHandle handleOf(Column column) {
    return backend.handle(column);
  }

  RocksIterator iterator(Column column) {
    return batch.isPresent()
        ? backend.iterator(batch.get(), column, options)
        : backend.iterator(column, options);
  }

  /** The live key-value of {@code key} at the latest revision. */
  Optional<KeyValue> current(ByteString key) {
    byte[] bytes = get(Column.CURRENT, key.toByteArray());
    return bytes == null ? Optional.empty() : Optional.of(parseKv(bytes, key));
  }

  /** Live key-values in {@code range} at the latest revision, in key order. */
  List<KeyValue> currentRange(KeyRange range) {
    List<KeyValue> result = new ArrayList<>();
    if (range.isEmpty()) {
      return result;
    }
    try (RocksIterator it = iterator(Column.CURRENT)) {
      for (it.seek(range.start().toByteArray()); it.isValid(); it.next()) {
        ByteString key = ByteString.copyFrom(it.key());
        if (!range.isBeforeEnd(key)) {
          break;
        }
        result.add(parseKv(it.value(), key));
      }
    }
    return result;
  }

  /** Keys (no values parsed) in {@code range} at the latest revision. */
  long currentCount(KeyRange range) {
    long count = 0;
    if (range.isEmpty()) {
      return 0;
    }
    try (RocksIterator it = iterator(Column.CURRENT)) {
      for (it.seek(range.start().toByteArray()); it.isValid(); it.next()) {
        if (!range.isBeforeEnd(ByteString.copyFrom(it.key()))) {
          break;
        }
        count++;
      }
    }
    return count;
  }

  /** Key-values in {@code range} as they were at revision {@code rev}, in key order. */
  List<KeyValue> rangeAt(KeyRange range, long rev) {
    List<KeyValue> result = new ArrayList<>();
    if (range.isEmpty()) {
      return result;
    }
    try (RocksIterator it = iterator(Column.HISTORY)) {
      it.seek(Layout.historyPrefix(range.start()));
      while (it.isValid()) {
        ByteString key = Layout.historyUserKey(it.key());
        if (!range.isBeforeEnd(key)) {
          break;
        }
        latestAtOrBefore(it, key, Revision.last(rev)).ifPresent(result::add);
        it.seek(Layout.historyAfterKey(key));
      }
    }
    return result;
  }

  /** The key-value of {@code key} at revision {@code rev}, if it was live then. */
  Optional<KeyValue> at(ByteString key, long rev) {
    try (RocksIterator it = iterator(Column.HISTORY)) {
      return latestAtOrBefore(it, key, Revision.last(rev));
    }
  }

  /** The version of {@code key} written strictly before {@code rev}, if it was live then. */
  Optional<KeyValue> before(ByteString key, Revision rev) {
    try (RocksIterator it = iterator(Column.HISTORY)) {
      return latestAtOrBefore(it, key, rev.previous());
    }
  }

  /** The event stored at {@code rev}, if any. */
  Optional<Event> event(Revision rev) {
    byte[] bytes = get(Column.EVENTS, rev.toBytes());
    if (bytes == null) {
      return Optional.empty();
    }
    return Optional.of(parseEvent(bytes, rev));
  }

  private Optional<KeyValue> latestAtOrBefore(RocksIterator it, ByteString key, Revision bound) {
    byte[] prefix = Layout.historyPrefix(key);
    it.seekForPrev(Layout.historyKey(key, bound));
    if (!it.isValid()) {
      return Optional.empty();
    }
    byte[] found = it.key();
    if (found.length != prefix.length + Revision.BYTES
        || !Arrays.equals(found, 0, prefix.length, prefix, 0, prefix.length)) {
      return Optional.empty();
    }
    if (it.value()[0] == Layout.TOMBSTONE) {
      return Optional.empty();
    }
    Revision rev = Layout.historyRevision(found);
    Event event = event(rev).orElseThrow(() -> new IllegalStateException(
        "history entry of key " + key.toStringUtf8() + " at " + rev + " has no event"));
    return Optional.of(event.getKv());
  }

  static KeyValue parseKv(byte[] bytes, ByteString key) {
    try {
      return KeyValue.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt KeyValue for key " + key.toStringUtf8(), e);
    }
  }

  static Event parseEvent(byte[] bytes, Revision rev) {
    try {
      return Event.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt event at revision " + rev, e);
    }
  }
}
