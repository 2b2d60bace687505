package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
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
import org.rocksdb.Slice;
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
    if (range.isSingleKey()) {
      // A point lookup: creating an iterator (merged with a pending batch) costs far more.
      current(range.start()).ifPresent(result::add);
    } else if (!range.isEmpty()) {
      scanCurrent(range, (key, value) -> result.add(parseKv(value, key)));
    }
    return result;
  }

  /** Keys (no values parsed) in {@code range} at the latest revision. */
  long currentCount(KeyRange range) {
    long[] count = {0};
    if (range.isSingleKey()) {
      return current(range.start()).isPresent() ? 1 : 0;
    }
    if (!range.isEmpty()) {
      scanCurrent(range, (key, value) -> count[0]++);
    }
    return count[0];
  }

  /** Receives raw entries of a scan; {@code key} is null when the scan did not need to read it. */
  private interface EntryConsumer {
    void accept(ByteString key, byte[] value);
  }

  /**
   * Scans the live keys of a non-empty range. Without a pending batch, RocksDB stops at the upper
   * bound itself, so the loop makes no key() call per entry (each one is a JNI copy).
   */
  private void scanCurrent(KeyRange range, EntryConsumer consumer) {
    byte[] start = range.start().toByteArray();
    if (batch.isPresent() || range.end().isEmpty()) {
      try (RocksIterator it = iterator(Column.CURRENT)) {
        for (it.seek(start); it.isValid(); it.next()) {
          ByteString key = ByteString.copyFrom(it.key());
          if (!range.isBeforeEnd(key)) {
            break;
          }
          consumer.accept(key, it.value());
        }
      }
      return;
    }
    try (Slice upper = new Slice(range.end().get().toByteArray());
        ReadOptions bounded = new ReadOptions(options).setIterateUpperBound(upper);
        RocksIterator it = backend.iterator(Column.CURRENT, bounded)) {
      for (it.seek(start); it.isValid(); it.next()) {
        consumer.accept(null, it.value());
      }
    }
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

  /**
   * A parser input that shares {@code bytes} instead of copying keys and values out of it: the
   * arrays RocksDB JNI returns are fresh and never reused, so sharing them is safe.
   */
  private static CodedInputStream aliasing(byte[] bytes) {
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    in.enableAliasing(true);
    return in;
  }

  /** Parses a stored KeyValue; {@code key} (may be null) only names it in an error. */
  static KeyValue parseKv(byte[] bytes, ByteString key) {
    try {
      return KeyValue.parseFrom(aliasing(bytes));
    } catch (IOException e) {
      throw new IllegalStateException(
          "corrupt KeyValue for key " + (key == null ? "?" : key.toStringUtf8()), e);
    }
  }

  static Event parseEvent(byte[] bytes, Revision rev) {
    try {
      return Event.parseFrom(aliasing(bytes));
    } catch (IOException e) {
      throw new IllegalStateException("corrupt event at revision " + rev, e);
    }
  }
}
