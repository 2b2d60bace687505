package dev.keel.kvstore.raft;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.api.MvccStore;
import dev.keel.kvstore.api.Watch;
import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.api.WatchSpec;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The replica's current store. A snapshot installation closes the store ({@link #release}) and
 * later opens the received checkpoint ({@link #install}); calls in between fail with
 * {@link KvError#STOPPED}. Watches are re-registered on the new store from where they were.
 */
final class StoreHolder implements AutoCloseable {

  /** Guards {@link #store}: calls hold the read lock, swaps the write lock. */
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private MvccStore store;
  private boolean closed;

  /** How long a call waits for a store being replaced by a snapshot. */
  static final long INSTALL_WAIT_MS = 10_000;
  /** Notified whenever the store is installed or the holder closed. */
  private final Object installed = new Object();

  private final Set<RebindingWatch> watches = ConcurrentHashMap.newKeySet();
  private final AtomicLong watchIds = new AtomicLong();

  /**
   * Runs {@code call} on the current store under the read lock. While a snapshot is being
   * installed, waits (at most {@link #INSTALL_WAIT_MS}) for the new store.
   */
  <T> T call(Function<MvccStore, T> call) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(INSTALL_WAIT_MS);
    while (true) {
      lock.readLock().lock();
      try {
        if (store != null) {
          return call.apply(store);
        }
        if (closed || System.nanoTime() > deadline) {
          throw new KvException(KvError.STOPPED,
              closed ? "store is closed" : "store is being replaced by a snapshot");
        }
      } finally {
        lock.readLock().unlock();
      }
      awaitInstalled(deadline);
    }
  }

  private void awaitInstalled(long deadline) {
    synchronized (installed) {
      long waitMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (waitMs > 0) {
        try {
          installed.wait(Math.min(waitMs, 100));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new KvException(KvError.STOPPED, "interrupted waiting for the store");
        }
      }
    }
  }

  private void signalInstalled() {
    synchronized (installed) {
      installed.notifyAll();
    }
  }

  /** The current store, if open (for metrics; may be closed by the time it is used). */
  Optional<MvccStore> peek() {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(store);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Makes {@code next} the current store and moves every watch onto it. */
  void install(MvccStore next) {
    lock.writeLock().lock();
    try {
      if (closed) {
        next.close();
        throw new IllegalStateException("store holder is closed");
      }
      if (store != null) {
        store.close();
      }
      store = next;
      for (RebindingWatch watch : watches) {
        watch.rebind(next);
      }
    } finally {
      lock.writeLock().unlock();
    }
    signalInstalled();
  }

  /** Closes the current store (snapshot installation begins); watches stay registered. */
  void release() {
    lock.writeLock().lock();
    try {
      for (RebindingWatch watch : watches) {
        watch.unbind();
      }
      if (store != null) {
        store.close();
        store = null;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  Watch watch(WatchSpec spec, WatchListener listener) {
    lock.readLock().lock();
    try {
      if (store == null) {
        throw new KvException(KvError.STOPPED, "store is not open");
      }
      RebindingWatch watch =
          new RebindingWatch(watchIds.incrementAndGet(), spec, listener, watches::remove);
      watch.bind(store);
      watches.add(watch);
      return watch;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      for (RebindingWatch watch : watches) {
        watch.close();
      }
      if (store != null) {
        store.close();
        store = null;
      }
    } finally {
      lock.writeLock().unlock();
    }
    signalInstalled();
  }
}
