package dev.keel.kvstore.watch;

import dev.keel.kvstore.api.Watch;
import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.proto.Event;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One watcher: its spec, its bounded queue of pending deliveries, and its position.
 *
 * <p>{@code nextRevision}, {@code queue} and {@code synced} are guarded by the hub's lock;
 * {@code deliveredRevision} is written only by the delivery task (one at a time per watcher).
 */
final class Watcher implements Watch {
  /** A queued delivery: events of whole revisions through {@code throughRevision}, or a compaction. */
  record Delivery(List<Event> events, long throughRevision, long compactRevision) {}

  private final long id;
  private final WatchSpec spec;
  private final WatchRange range;
  private final WatchListener listener;
  private final WatchHub hub;
  private final int capacity;

  final ArrayDeque<Delivery> queue = new ArrayDeque<>();
  long nextRevision;
  boolean synced;
  boolean draining;
  volatile boolean closed;
  volatile long deliveredRevision;

  Watcher(long id, WatchSpec spec, WatchListener listener, WatchHub hub, int capacity, long nextRevision) {
    this.id = id;
    this.spec = spec;
    this.range = WatchRange.of(spec.key(), spec.rangeEnd());
    this.listener = listener;
    this.hub = hub;
    this.capacity = capacity;
    this.nextRevision = nextRevision;
    this.deliveredRevision = nextRevision - 1;
  }

  WatchSpec spec() {
    return spec;
  }

  WatchListener listener() {
    return listener;
  }

  boolean queueFullLocked() {
    return queue.size() >= capacity;
  }

  /** The events of {@code revisions} at or after nextRevision that this watcher wants. */
  List<Event> selectLocked(List<RevisionEvents> revisions) {
    List<Event> out = new ArrayList<>();
    for (RevisionEvents rev : revisions) {
      if (rev.revision() < nextRevision) {
        continue;
      }
      for (Event event : rev.events()) {
        if (wants(event)) {
          out.add(spec.prevKv() || !event.hasPrevKv() ? event : event.toBuilder().clearPrevKv().build());
        }
      }
    }
    return out;
  }

  private boolean wants(Event event) {
    boolean put = event.getType() == Event.EventType.PUT;
    if (put && spec.noPut() || !put && spec.noDelete()) {
      return false;
    }
    return range.contains(event.getKv().getKey());
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public boolean synced() {
    return hub.isSynced(this);
  }

  @Override
  public long deliveredRevision() {
    return hub.deliveredRevision(this);
  }

  @Override
  public void close() {
    hub.remove(this);
  }
}
