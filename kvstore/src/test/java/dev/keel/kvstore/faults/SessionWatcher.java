package dev.keel.kvstore.faults;

import dev.keel.kvstore.check.KeyRange;
import dev.keel.kvstore.check.WatchEvent;
import dev.keel.kvstore.check.WatchResponse;
import dev.keel.kvstore.check.WatchSession;
import dev.keel.kvstore.check.WatchStream;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.WatchCreateRequest;
import dev.keel.kvstore.proto.WatchGrpc;
import dev.keel.kvstore.proto.WatchProgressRequest;
import dev.keel.kvstore.proto.WatchRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One logical watcher, recorded for the {@link dev.keel.kvstore.check.WatchChecker}: a watch of
 * {@code range} from revision 1 over raw gRPC streams. When a stream fails (the member died, was
 * removed, or stopped answering progress requests for {@link #SILENCE_MS}), the watcher resumes on
 * the next member from the revision after the last one it received, as etcd clients do; each
 * stream is one {@link WatchStream} of the watcher's {@link WatchSession}. A progress request goes
 * out every second, so the bookmarkable guarantee is exercised too.
 */
final class SessionWatcher implements AutoCloseable {

  private static final long SILENCE_MS = 5000;

  private final String name;
  private final List<ManagedChannel> channels;
  private final KeyRange range;
  private final ScheduledExecutorService timer;
  private final ScheduledFuture<?> ticker;

  // Everything below is guarded by this.
  private final List<WatchStream> done = new ArrayList<>();
  private Attempt current;
  private int endpoint;
  private int failures;
  /** The highest revision received: an event's, or a progress notification's. */
  private long lastRevision;
  private boolean compacted;
  private boolean closed;

  /** One stream on one member. */
  private final class Attempt implements StreamObserver<dev.keel.kvstore.proto.WatchResponse> {
    final long startRevision;
    final List<WatchResponse> responses = new ArrayList<>();
    StreamObserver<WatchRequest> requests;
    long lastHeardNanos = System.nanoTime();
    long progressAskedNanos;
    boolean over;
    boolean created;

    Attempt(long startRevision) {
      this.startRevision = startRevision;
    }

    @Override
    public void onNext(dev.keel.kvstore.proto.WatchResponse r) {
      synchronized (SessionWatcher.this) {
        if (over) {
          return;
        }
        lastHeardNanos = System.nanoTime();
        if (r.getCanceled()) {
          if (r.getCompactRevision() > 0) {
            responses.add(new WatchResponse.Compacted(r.getCompactRevision()));
            compacted = true;
            end();
          } else {
            failed();
          }
          return;
        }
        if (r.getCreated()) {
          created = true;
          return;
        }
        long revision = r.getHeader().getRevision();
        if (r.getEventsCount() == 0) {
          responses.add(new WatchResponse.Progress(revision));
          lastRevision = Math.max(lastRevision, revision);
          SessionWatcher.this.notifyAll();
          return;
        }
        List<WatchEvent> events = r.getEventsList().stream().map(SessionWatcher::event).toList();
        responses.add(new WatchResponse.Events(revision, events, r.getFragment()));
        failures = 0;
        if (!r.getFragment()) {
          lastRevision = Math.max(lastRevision, events.get(events.size() - 1).revision());
        }
        SessionWatcher.this.notifyAll();
      }
    }

    @Override
    public void onError(Throwable t) {
      synchronized (SessionWatcher.this) {
        if (!over) {
          failed();
        }
      }
    }

    @Override
    public void onCompleted() {
      onError(Status.UNAVAILABLE.withDescription("watch stream ended").asRuntimeException());
    }

    /** Ends this stream and opens the next one shortly (caller holds the watcher's lock). */
    private void failed() {
      end();
      failures++;
      endpoint = (endpoint + 1) % channels.size();
      long pause = Math.min(1000, 50L * failures);
      try {
        timer.schedule(SessionWatcher.this::reopen, pause, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // closing
      }
    }

    private void end() {
      over = true;
      if (created || !responses.isEmpty()) {
        done.add(stream(this)); // an attempt that never got through tells nothing
      }
      if (requests != null) {
        try {
          requests.onError(Status.CANCELLED.withDescription("watch over").asRuntimeException());
        } catch (RuntimeException e) {
          // already closed
        }
      }
      SessionWatcher.this.notifyAll();
    }
  }

  /**
   * @param channels one per member, the first is used first
   * @param timer runs reconnects and progress requests; owned by the caller
   */
  SessionWatcher(String name, List<ManagedChannel> channels, KeyRange range,
      ScheduledExecutorService timer) {
    this.name = name;
    this.channels = List.copyOf(channels);
    this.range = range;
    this.timer = timer;
    synchronized (this) {
      open(1);
    }
    this.ticker = timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  private static WatchEvent event(Event e) {
    String key = e.getKv().getKey().toStringUtf8();
    long revision = e.getKv().getModRevision();
    return e.getType() == Event.EventType.DELETE ? WatchEvent.delete(revision, key)
        : WatchEvent.put(revision, key, e.getKv().getValue().toStringUtf8());
  }

  private WatchStream stream(Attempt a) {
    return new WatchStream(name + "#" + (done.size() + 1) + "@" + endpoint, range, a.startRevision,
        a.responses);
  }

  private synchronized void reopen() {
    if (!closed && !compacted) {
      open(Math.max(1, lastRevision + 1));
    }
  }

  /** Opens a stream from {@code start} (caller holds the lock). */
  private void open(long start) {
    Attempt attempt = new Attempt(start);
    current = attempt;
    attempt.requests = WatchGrpc.newStub(channels.get(endpoint)).watch(attempt);
    attempt.requests.onNext(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
        .setKey(ClientWorker.bytes(range.key()))
        .setRangeEnd(ClientWorker.bytes(range.rangeEnd()))
        .setStartRevision(start)).build());
  }

  private synchronized void tick() {
    Attempt a = current;
    if (closed || a == null || a.over) {
      return;
    }
    long now = System.nanoTime();
    if (a.progressAskedNanos > a.lastHeardNanos
        && now - a.progressAskedNanos > TimeUnit.MILLISECONDS.toNanos(SILENCE_MS)) {
      a.failed(); // the member stopped answering (paused or cut off): resume elsewhere
      return;
    }
    if (a.progressAskedNanos <= a.lastHeardNanos) {
      a.progressAskedNanos = now;
    }
    try {
      a.requests.onNext(WatchRequest.newBuilder()
          .setProgressRequest(WatchProgressRequest.getDefaultInstance()).build());
    } catch (RuntimeException e) {
      // the stream is failing; onError will follow
    }
  }

  /** Waits until the watcher has received revision {@code revision} (bounded). */
  synchronized boolean awaitRevision(long revision, long timeoutMillis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (lastRevision < revision && !compacted) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return lastRevision >= revision;
  }

  synchronized long lastRevision() {
    return lastRevision;
  }

  /** Everything recorded so far, the current stream last. */
  synchronized WatchSession session() {
    List<WatchStream> streams = new ArrayList<>(done);
    if (current != null && !current.over && (current.created || !current.responses.isEmpty())) {
      streams.add(stream(current));
    }
    if (streams.isEmpty()) {
      streams.add(new WatchStream(name + "#never-created", range, 1, List.of()));
    }
    return new WatchSession(name, streams);
  }

  @Override
  public void close() {
    ticker.cancel(false);
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (current != null && !current.over) {
        current.end();
      }
    }
  }
}
