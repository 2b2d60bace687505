package dev.keel.kvstore.faults;

import dev.keel.kvstore.check.WatchEvent;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.WatchCreateRequest;
import dev.keel.kvstore.proto.WatchGrpc;
import dev.keel.kvstore.proto.WatchProgressRequest;
import dev.keel.kvstore.proto.WatchRequest;
import dev.keel.kvstore.proto.WatchResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads one member's whole event history, revision 1 up to a given revision, through a watch of
 * every key served by that member alone: what it applied, in its order. The reference log of the
 * watch check, and a convergence check when compared between members.
 */
final class EventLogReader {

  private EventLogReader() {}

  /**
   * The events of revisions 2..{@code upTo} as the member at {@code channel} delivers them.
   *
   * @throws IllegalStateException when the member fails the watch or has not delivered
   *     {@code upTo} within {@code timeoutMillis}
   */
  static List<WatchEvent> read(String member, ManagedChannel channel, long upTo, long timeoutMillis) {
    List<WatchEvent> events = new ArrayList<>();
    Object lock = new Object();
    long[] reached = {1};
    Throwable[] failure = {null};
    StreamObserver<WatchResponse> observer = new StreamObserver<>() {
      @Override
      public void onNext(WatchResponse r) {
        synchronized (lock) {
          if (r.getCanceled()) {
            failure[0] = new IllegalStateException("watch canceled: " + r.getCancelReason()
                + " (compact revision " + r.getCompactRevision() + ")");
          } else if (r.getEventsCount() > 0) {
            for (Event e : r.getEventsList()) {
              long rev = e.getKv().getModRevision();
              String key = e.getKv().getKey().toStringUtf8();
              events.add(e.getType() == Event.EventType.DELETE ? WatchEvent.delete(rev, key)
                  : WatchEvent.put(rev, key, e.getKv().getValue().toStringUtf8()));
              reached[0] = Math.max(reached[0], rev);
            }
          } else if (!r.getCreated()) {
            reached[0] = Math.max(reached[0], r.getHeader().getRevision());
          }
          lock.notifyAll();
        }
      }

      @Override
      public void onError(Throwable t) {
        synchronized (lock) {
          failure[0] = t;
          lock.notifyAll();
        }
      }

      @Override
      public void onCompleted() {
        onError(new IllegalStateException("watch ended by the member"));
      }
    };
    StreamObserver<WatchRequest> requests = WatchGrpc.newStub(channel).watch(observer);
    try {
      requests.onNext(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
          .setKey(ClientWorker.bytes("\0")).setRangeEnd(ClientWorker.bytes("\0"))
          .setStartRevision(1)).build());
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      synchronized (lock) {
        while (reached[0] < upTo && failure[0] == null) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            throw new IllegalStateException(member + " delivered events up to revision "
                + reached[0] + " only, not " + upTo + ", within " + timeoutMillis + " ms");
          }
          requests.onNext(WatchRequest.newBuilder()
              .setProgressRequest(WatchProgressRequest.getDefaultInstance()).build());
          TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)));
        }
        if (failure[0] != null) {
          throw new IllegalStateException("reading the event log of " + member + " failed: "
              + failure[0], failure[0]);
        }
        return events.stream().filter(e -> e.revision() <= upTo).toList();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the event log of " + member, e);
    } finally {
      try {
        requests.onError(Status.CANCELLED.withDescription("done").asRuntimeException());
      } catch (RuntimeException e) {
        // already over
      }
    }
  }
}
