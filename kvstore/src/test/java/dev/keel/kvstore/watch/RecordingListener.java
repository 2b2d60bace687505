package dev.keel.kvstore.watch;

import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.proto.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records every call a watcher makes and the contract violations it sees (overlapping calls,
 * empty calls, calls after onCompacted). A slow listener blocks its first onEvents call until
 * {@link #release()}, so its watcher falls behind.
 */
final class RecordingListener implements WatchListener {
  private final CountDownLatch gate;
  private final AtomicInteger inFlight = new AtomicInteger();
  /** Guarded by this. */
  private final List<List<Event>> calls = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private long compactedAt = -1;
  private long lastRevision;

  RecordingListener(boolean slow) {
    this.gate = new CountDownLatch(slow ? 1 : 0);
  }

  void release() {
    gate.countDown();
  }

  @Override
  public void onEvents(List<Event> events) {
    enter();
    try {
      if (!gate.await(20, TimeUnit.SECONDS)) {
        violation("slow listener was never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (events.isEmpty()) {
        violations.add("empty onEvents call");
      }
      if (compactedAt >= 0) {
        violations.add("onEvents after onCompacted");
      }
      calls.add(List.copyOf(events));
      if (!events.isEmpty()) {
        lastRevision = events.get(events.size() - 1).getKv().getModRevision();
      }
      notifyAll();
    }
    inFlight.decrementAndGet();
  }

  @Override
  public void onCompacted(long compactRevision) {
    enter();
    synchronized (this) {
      if (compactedAt >= 0) {
        violations.add("second onCompacted");
      }
      compactedAt = compactRevision;
      notifyAll();
    }
    inFlight.decrementAndGet();
  }

  private void enter() {
    if (inFlight.incrementAndGet() != 1) {
      violation("overlapping listener calls");
    }
  }

  private synchronized void violation(String what) {
    violations.add(what);
  }

  /** Waits until an event of revision >= {@code revision} or onCompacted arrived. */
  synchronized boolean awaitRevision(long revision, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (lastRevision < revision && compactedAt < 0) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  synchronized boolean awaitCompacted(long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (compactedAt < 0) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  synchronized List<List<Event>> calls() {
    return List.copyOf(calls);
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  synchronized long compactedAt() {
    return compactedAt;
  }
}
