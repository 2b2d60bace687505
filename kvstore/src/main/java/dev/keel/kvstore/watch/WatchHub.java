package dev.keel.kvstore.watch;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.api.Watch;
import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.proto.Event;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the store's events out to watchers without ever blocking the writer.
 *
 * <p>Watchers are either <em>synced</em> (they have seen everything up to the last notified
 * revision and get new revisions pushed into their queue by {@link #notify}) or <em>unsynced</em>
 * (they start in the past, or their queue was full when a revision arrived). A catch-up thread
 * reads unsynced watchers' revisions from the {@link EventLog} in capped steps and moves a watcher
 * back to the synced set once it has reached the last notified revision. A delivery executor drains
 * each watcher's queue into its listener, one call at a time per watcher.
 *
 * <p>Example: revisions 1..100 exist and a watcher starts at 40 with a queue of 4: it is unsynced;
 * catch-up queues 40..100 in one delivery (whole revisions), sets its next revision to 101 and, if
 * 100 is the last notified revision, makes it synced. If revision 101 arrives while its queue is
 * full, it becomes unsynced again with next revision 101, and nothing is lost or repeated.
 */
public final class WatchHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WatchHub.class);

  private final EventLog log;
  private final int capacity;
  private final int catchUpRevisions;
  private final AtomicLong ids = new AtomicLong();
  private final ExecutorService executor;
  private final Thread catchUpThread;

  /** Guards synced, unsynced, lastNotified and every watcher's queue, position and flags. */
  private final Object lock = new Object();
  private final Set<Watcher> synced = new LinkedHashSet<>();
  private final Set<Watcher> unsynced = new LinkedHashSet<>();
  /** Watchers with queued deliveries whose listener was not ready; retried by the catch-up loop. */
  private final Set<Watcher> stalled = new LinkedHashSet<>();
  private long lastNotified;
  private boolean closed;

  /**
   * @param currentRevision the store revision when the hub starts: the last one "notified"
   * @param capacity queued deliveries per watcher before it is moved aside
   * @param catchUpRevisions most revisions read from the log in one catch-up step
   */
  public WatchHub(EventLog log, long currentRevision, int capacity, int catchUpRevisions) {
    this.log = log;
    this.capacity = capacity;
    this.catchUpRevisions = catchUpRevisions;
    this.lastNotified = currentRevision;
    this.executor = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "keel-watch-delivery");
      thread.setDaemon(true);
      return thread;
    });
    this.catchUpThread = new Thread(this::catchUpLoop, "keel-watch-catchup");
    this.catchUpThread.setDaemon(true);
    this.catchUpThread.start();
  }

  /** Registers a watcher; see {@link dev.keel.kvstore.api.MvccStore#watch}. */
  public Watch watch(WatchSpec spec, WatchListener listener) {
    if (WatchRange.of(spec.key(), spec.rangeEnd()).isEmpty()) {
      throw new KvException(KvError.WATCH_RANGE_EMPTY,
          "watch range end " + spec.rangeEnd().toStringUtf8() + " <= key " + spec.key().toStringUtf8());
    }
    synchronized (lock) {
      if (closed) {
        throw new KvException(KvError.STOPPED, "the store is closed");
      }
      long start = spec.startRevision() == 0 ? lastNotified + 1 : spec.startRevision();
      Watcher watcher = new Watcher(ids.incrementAndGet(), spec, listener, this, capacity, start);
      if (start > lastNotified) {
        watcher.synced = true;
        synced.add(watcher);
      } else {
        unsynced.add(watcher);
        lock.notifyAll();
      }
      return watcher;
    }
  }

  /**
   * Publishes revisions just committed, in increasing order. Called by the single writer after
   * the write is durable in the store; never blocks on a watcher.
   */
  public void notify(List<RevisionEvents> revisions) {
    if (revisions.isEmpty()) {
      return;
    }
    long last = revisions.get(revisions.size() - 1).revision();
    synchronized (lock) {
      if (last <= lastNotified) {
        throw new IllegalStateException(
            "notified revision " + last + " <= last notified revision " + lastNotified);
      }
      List<Watcher> fallen = new ArrayList<>();
      for (Watcher watcher : synced) {
        List<Event> events = watcher.selectLocked(revisions);
        if (events.isEmpty()) {
          watcher.nextRevision = Math.max(watcher.nextRevision, last + 1);
          continue;
        }
        if (watcher.queueFullLocked()) {
          watcher.synced = false;
          fallen.add(watcher);
          continue;
        }
        enqueueLocked(watcher, new Watcher.Delivery(events, last, 0));
        watcher.nextRevision = last + 1;
      }
      lastNotified = last;
      if (!fallen.isEmpty()) {
        synced.removeAll(fallen);
        unsynced.addAll(fallen);
        lock.notifyAll();
      }
    }
  }

  /** Wakes up catch-up, e.g. after a compaction, so stale unsynced watchers learn of it. */
  public void poke() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  boolean isSynced(Watcher watcher) {
    synchronized (lock) {
      return watcher.synced && watcher.queue.isEmpty() && !watcher.draining;
    }
  }

  long deliveredRevision(Watcher watcher) {
    synchronized (lock) {
      if (watcher.synced && watcher.queue.isEmpty() && !watcher.draining) {
        return Math.max(watcher.deliveredRevision, Math.min(watcher.nextRevision - 1, lastNotified));
      }
      return watcher.deliveredRevision;
    }
  }

  void remove(Watcher watcher) {
    synchronized (lock) {
      watcher.closed = true;
      synced.remove(watcher);
      unsynced.remove(watcher);
      stalled.remove(watcher);
      watcher.queue.clear();
    }
  }

  private void enqueueLocked(Watcher watcher, Watcher.Delivery delivery) {
    watcher.queue.addLast(delivery);
    if (!watcher.draining) {
      watcher.draining = true;
      executor.execute(() -> drain(watcher));
    }
  }

  private void drain(Watcher watcher) {
    while (true) {
      boolean ready = watcher.listener().ready();
      Watcher.Delivery next;
      synchronized (lock) {
        if (!ready && !watcher.closed && !watcher.queue.isEmpty()) {
          // Not now: keep the queue; the catch-up loop retries (see resumeStalledLocked).
          watcher.draining = false;
          stalled.add(watcher);
          return;
        }
        next = watcher.queue.pollFirst();
        if (next == null || watcher.closed) {
          watcher.draining = false;
          return;
        }
        if (!watcher.synced) {
          lock.notifyAll(); // room in the queue: catch-up may continue
        }
      }
      try {
        if (next.compactRevision() > 0) {
          watcher.listener().onCompacted(next.compactRevision());
          remove(watcher);
        } else {
          watcher.listener().onEvents(next.events());
          watcher.deliveredRevision = next.throughRevision();
        }
      } catch (RuntimeException e) {
        LOG.warn("watch {} listener failed, closing the watcher: {}", watcher.id(), e.toString());
        remove(watcher);
      }
    }
  }

  private void catchUpLoop() {
    while (true) {
      List<Watcher> work;
      synchronized (lock) {
        resumeStalledLocked();
        while (!closed && readyUnsyncedLocked().isEmpty()) {
          try {
            lock.wait(100);
          } catch (InterruptedException e) {
            return;
          }
          resumeStalledLocked();
        }
        if (closed) {
          return;
        }
        work = readyUnsyncedLocked();
      }
      for (Watcher watcher : work) {
        try {
          catchUp(watcher);
        } catch (RuntimeException e) {
          LOG.warn("watch {} catch-up failed, will retry: {}", watcher.id(), e.toString());
          synchronized (lock) {
            try {
              lock.wait(100);
            } catch (InterruptedException ie) {
              return;
            }
          }
        }
      }
    }
  }

  /** Restarts delivery to stalled watchers (their listener's readiness is checked in drain). */
  private void resumeStalledLocked() {
    for (Watcher watcher : stalled) {
      if (!watcher.closed && !watcher.draining && !watcher.queue.isEmpty()) {
        watcher.draining = true;
        executor.execute(() -> drain(watcher));
      }
    }
    stalled.clear();
  }

  private List<Watcher> readyUnsyncedLocked() {
    List<Watcher> ready = new ArrayList<>();
    for (Watcher watcher : unsynced) {
      if (!watcher.queueFullLocked()) {
        ready.add(watcher);
      }
    }
    return ready;
  }

  private void catchUp(Watcher watcher) {
    long from;
    synchronized (lock) {
      if (watcher.closed || watcher.synced) {
        return;
      }
      from = watcher.nextRevision;
    }
    CatchUp result = log.read(from, catchUpRevisions, watcher.spec().prevKv());
    synchronized (lock) {
      if (watcher.closed || watcher.nextRevision != from) {
        return;
      }
      if (result instanceof CatchUp.Compacted compacted) {
        unsynced.remove(watcher);
        enqueueLocked(watcher, new Watcher.Delivery(List.of(), 0, compacted.compactRevision()));
        return;
      }
      CatchUp.Events events = (CatchUp.Events) result;
      List<Event> selected = watcher.selectLocked(events.revisions());
      if (!selected.isEmpty()) {
        enqueueLocked(watcher, new Watcher.Delivery(selected, events.readThrough(), 0));
      }
      watcher.nextRevision = Math.max(from, events.readThrough() + 1);
      if (watcher.nextRevision > lastNotified) {
        unsynced.remove(watcher);
        watcher.synced = true;
        synced.add(watcher);
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      lock.notifyAll();
    }
    try {
      catchUpThread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("watch delivery threads did not stop within 5 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
