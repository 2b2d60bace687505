package dev.keel.kvstore.client;

import dev.keel.kvstore.proto.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects a watch's events for a test; every wait is bounded. */
final class RecordingListener implements KvWatchListener {
  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  final CompletableFuture<Long> created = new CompletableFuture<>();
  final CompletableFuture<Long> compacted = new CompletableFuture<>();
  final CompletableFuture<Throwable> error = new CompletableFuture<>();

  @Override
  public void onCreated(long revision) {
    created.complete(revision);
  }

  @Override
  public void onEvents(long revision, List<Event> batch) {
    events.addAll(batch);
  }

  @Override
  public void onCompacted(long compactRevision) {
    compacted.complete(compactRevision);
  }

  @Override
  public void onError(Throwable t) {
    error.complete(t);
  }

  /** The next {@code n} events; fails after 10 s. */
  List<Event> take(int n) throws InterruptedException {
    List<Event> out = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (out.size() < n) {
      Event e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("got " + out.size() + " of " + n + " events within 10 s: " + out
            + (error.isDone() ? "; watch error: " + error.getNow(null) : ""));
      }
      out.add(e);
    }
    return out;
  }
}
