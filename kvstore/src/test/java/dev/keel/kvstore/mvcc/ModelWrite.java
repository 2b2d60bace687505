package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.KeyValue;
import java.util.List;
import java.util.Optional;

/**
 * One write transaction of the model: every write gets main revision {@code begin + 1} and the
 * next sub-revision (the order of {@link #events}); the revision moves only if something changed.
 */
final class ModelWrite {
  private final ModelKeyspace keyspace;
  private final List<Event> events;
  private final long begin;
  private boolean changed;

  ModelWrite(ModelKeyspace keyspace, List<Event> events, long begin) {
    this.keyspace = keyspace;
    this.events = events;
    this.begin = begin;
  }

  long beginRevision() {
    return begin;
  }

  long writeRevision() {
    return begin + 1;
  }

  boolean changed() {
    return changed;
  }

  /** The revision a reader inside this write sees: begin until the first change, then begin+1. */
  long currentRevision() {
    return changed ? begin + 1 : begin;
  }

  Optional<KeyValue> get(ByteString key) {
    return keyspace.get(key, begin + 1);
  }

  List<KeyValue> range(KeyInterval interval) {
    return keyspace.range(interval, begin + 1);
  }

  /** A read at an older revision (or at this write's own, seeing the writes so far). */
  List<KeyValue> rangeAt(KeyInterval interval, long rev) {
    return keyspace.range(interval, Math.min(rev, begin + 1));
  }

  KeyValue put(ByteString key, ByteString value, long lease) {
    Optional<KeyValue> prev = get(key);
    KeyValue kv =
        KeyValue.newBuilder()
            .setKey(key)
            .setValue(value)
            .setLease(lease)
            .setCreateRevision(prev.map(KeyValue::getCreateRevision).orElse(begin + 1))
            .setModRevision(begin + 1)
            .setVersion(prev.map(KeyValue::getVersion).orElse(0L) + 1)
            .build();
    keyspace.record(key, begin + 1, Optional.of(kv));
    Event.Builder event = Event.newBuilder().setType(Event.EventType.PUT).setKv(kv);
    prev.ifPresent(event::setPrevKv);
    events.add(event.build());
    changed = true;
    return kv;
  }

  void delete(KeyValue prev) {
    keyspace.record(prev.getKey(), begin + 1, Optional.empty());
    events.add(
        Event.newBuilder()
            .setType(Event.EventType.DELETE)
            .setKv(KeyValue.newBuilder().setKey(prev.getKey()).setModRevision(begin + 1))
            .setPrevKv(prev)
            .build());
    changed = true;
  }
}
