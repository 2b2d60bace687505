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

  private final Set<RebindingWatch> watches = ConcurrentHashMap.newKeySet();
  private final AtomicLong watchIds = new AtomicLong();

  /** Runs {@code call} on the current store under the read lock. */
  <T> T call(Function<MvccStore, T> call) {
    lock.readLock().lock();
    try {
      if (store == null) {
        throw new KvException(KvError.STOPPED,
            closed ? "store is closed" : "store is being replaced by a snapshot");
      }
      return call.apply(store);
    } finally {
      lock.readLock().unlock();
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
  }
}
