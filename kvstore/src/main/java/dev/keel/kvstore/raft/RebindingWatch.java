package dev.keel.kvstore.raft;

import dev.keel.kvstore.api.MvccStore;
import dev.keel.kvstore.api.Watch;
import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.proto.Event;
import java.util.List;
import java.util.function.Consumer;

/**
 * A watch that survives the replacement of the store by an installed snapshot: it is closed on
 * the old store and re-registered on the new one from the first revision it has not delivered,
 * dropping any event it already delivered. The new store's history comes from the leader, so the
 * revisions in between are caught up from its events (or the watcher learns they were compacted).
 */
final class RebindingWatch implements Watch {

  private final long id;
  private final WatchSpec spec;
  private final WatchListener listener;
  private final Consumer<RebindingWatch> onClose;

  /** Guarded by this: the store watch, null while unbound. */
  private Watch current;
  private boolean closed;
  /** Highest revision handed to the listener; written on delivery threads. */
  private volatile long lastDelivered;

  RebindingWatch(long id, WatchSpec spec, WatchListener listener, Consumer<RebindingWatch> onClose) {
    this.id = id;
    this.spec = spec;
    this.listener = listener;
    this.onClose = onClose;
    this.lastDelivered = spec.startRevision() - 1;
  }

  synchronized void bind(MvccStore store) {
    if (closed) {
      return;
    }
    current = store.watch(spec, new Deduplicating());
  }

  synchronized void rebind(MvccStore store) {
    if (closed) {
      return;
    }
    unbind();
    long from = Math.max(1, lastDelivered + 1);
    WatchSpec resumed = new WatchSpec(
        spec.key(), spec.rangeEnd(), from, spec.prevKv(), spec.noPut(), spec.noDelete());
    current = store.watch(resumed, new Deduplicating());
  }

  synchronized void unbind() {
    if (current != null) {
      lastDelivered = Math.max(lastDelivered, current.deliveredRevision());
      current.close();
      current = null;
    }
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public synchronized boolean synced() {
    return current != null && current.synced();
  }

  @Override
  public synchronized long deliveredRevision() {
    return current == null ? lastDelivered : Math.max(lastDelivered, current.deliveredRevision());
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (current != null) {
        current.close();
        current = null;
      }
    }
    onClose.accept(this);
  }

  /** Drops events at or below the last delivered revision (a rebind may replay a revision). */
  private final class Deduplicating implements WatchListener {
    @Override
    public void onEvents(List<Event> events) {
      long floor = lastDelivered;
      List<Event> fresh = events.stream().filter(e -> e.getKv().getModRevision() > floor).toList();
      if (fresh.isEmpty()) {
        return;
      }
      lastDelivered = fresh.get(fresh.size() - 1).getKv().getModRevision();
      listener.onEvents(fresh);
    }

    @Override
    public void onCompacted(long compactRevision) {
      listener.onCompacted(compactRevision);
    }
  }
}
