package dev.keel.kvstore.grpc;

import dev.keel.kvstore.api.Watch;
import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.WatchResponse;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One watcher on a watch stream: receives the store's events and turns them into responses
 * carrying its watch id.
 *
 * <p>Order on the stream: the stream queues the {@code created} reply before the store watch is
 * registered, so no event can precede it; a cancel or compaction reply is queued under
 * {@link #lock} together with setting {@link #finished}, and events are queued under the same
 * lock only while not finished, so nothing follows the final reply.
 *
 * <p>Each event response has header.revision = the revision of its last event: every event up to
 * that revision has then been sent, which is the promise clients read from the header.
 */
final class StreamWatcher implements WatchListener {
  private final long id;
  private final boolean progressNotify;
  private final boolean fragment;
  private final WatchStream stream;

  /** Guards the fields below; sending on the stream may happen under it (it never blocks). */
  private final Object lock = new Object();
  private Watch handle;
  private boolean finished;
  /** Events sent since the last progress tick. */
  private boolean eventsSinceTick;
  /** Store deliveries currently inside {@link #onEvents}. */
  private int inFlight;

  StreamWatcher(long id, boolean progressNotify, boolean fragment, WatchStream stream) {
    this.id = id;
    this.progressNotify = progressNotify;
    this.fragment = fragment;
    this.stream = stream;
  }

  long id() {
    return id;
  }

  /** Gives the store handle; closes it at once if the watcher already finished. */
  void attach(Watch watch) {
    synchronized (lock) {
      if (!finished) {
        handle = watch;
        return;
      }
    }
    watch.close();
  }

  @Override
  public void onEvents(List<Event> events) {
    synchronized (lock) {
      if (finished) {
        return;
      }
      inFlight++;
    }
    try {
      if (stream.isSendClosed()) {
        return;
      }
      long revision = events.get(events.size() - 1).getKv().getModRevision();
      WatchResponse response = WatchResponse.newBuilder()
          .setHeader(stream.header(revision))
          .setWatchId(id)
          .addAllEvents(events)
          .build();
      List<WatchResponse> pieces = fragment
          ? WatchFragmenter.split(response, stream.maxRequestBytes()) : List.of(response);
      synchronized (lock) {
        if (finished) {
          return;
        }
        pieces.forEach(stream::send);
        eventsSinceTick = true;
      }
    } finally {
      synchronized (lock) {
        inFlight--;
      }
    }
  }

  @Override
  public boolean ready() {
    return stream.hasSendCapacity();
  }

  @Override
  public void onCompacted(long compactRevision) {
    synchronized (lock) {
      if (finished) {
        return;
      }
      finished = true;
      // etcd 3.4: canceled, compact_revision set, header revision 0, no cancel_reason.
      stream.send(WatchResponse.newBuilder()
          .setHeader(stream.header(0))
          .setWatchId(id)
          .setCanceled(true)
          .setCompactRevision(compactRevision)
          .build());
    }
    stream.removed(this);
  }

  /** The client cancelled this watcher: reply canceled and stop the store watch. */
  void cancel() {
    Watch toClose;
    synchronized (lock) {
      if (finished) {
        return;
      }
      finished = true;
      toClose = handle;
      stream.send(WatchResponse.newBuilder()
          .setHeader(stream.header())
          .setWatchId(id)
          .setCanceled(true)
          .build());
    }
    if (toClose != null) {
      toClose.close();
    }
  }

  /** The stream ended: stop the store watch without a reply. */
  void close() {
    Watch toClose;
    synchronized (lock) {
      finished = true;
      toClose = handle;
    }
    if (toClose != null) {
      toClose.close();
    }
  }

  /** The store handle, when attached (for closing after a compaction). */
  Optional<Watch> handle() {
    synchronized (lock) {
      return Optional.ofNullable(handle);
    }
  }

  /**
   * True when every event up to the store revision read before this call has been queued on the
   * stream (or the watcher is finished). Calls the store outside {@link #lock}.
   */
  boolean caughtUp() {
    Watch watch;
    synchronized (lock) {
      if (finished) {
        return true;
      }
      watch = handle;
    }
    if (watch == null) {
      return false;
    }
    boolean synced = watch.synced();
    synchronized (lock) {
      return finished || synced && inFlight == 0;
    }
  }

  /**
   * A progress-notify tick: when this watcher asked for progress, got no events since the last
   * tick and is caught up, it gets an event-less response at its delivered revision: the store
   * has handed it every event up to there, so they are all on the stream before this response.
   * (Not the store's current revision: a revision can be applied before its events reach the
   * watcher, and a progress notification at it would promise events not yet sent; found by the
   * fault property's watch checker.)
   */
  void tick() {
    if (!progressNotify) {
      return;
    }
    synchronized (lock) {
      if (finished) {
        return;
      }
      if (eventsSinceTick) {
        eventsSinceTick = false;
        return;
      }
    }
    OptionalLong revision = progressRevision();
    if (revision.isEmpty()) {
      return;
    }
    synchronized (lock) {
      if (finished || eventsSinceTick) {
        return;
      }
      stream.send(WatchResponse.newBuilder()
          .setHeader(stream.header(revision.getAsLong()))
          .setWatchId(id)
          .build());
    }
  }

  /**
   * The revision a progress notification may carry now: every event of this watcher up to it is
   * on the stream; empty while the watcher is catching up (or not registered yet).
   */
  OptionalLong progressRevision() {
    if (!caughtUp()) {
      return OptionalLong.empty();
    }
    Watch watch;
    synchronized (lock) {
      watch = handle;
    }
    return watch == null ? OptionalLong.empty() : OptionalLong.of(watch.deliveredRevision());
  }
}
