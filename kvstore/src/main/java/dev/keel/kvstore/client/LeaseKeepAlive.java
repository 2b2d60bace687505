package dev.keel.kvstore.client;

import dev.keel.kvstore.proto.LeaseGrpc;
import dev.keel.kvstore.proto.LeaseKeepAliveRequest;
import dev.keel.kvstore.proto.LeaseKeepAliveResponse;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps one lease alive: renews it about every TTL/3 (at least every 500 ms apart) on a
 * keep-alive stream, re-opening the stream on the next endpoint when it fails as unavailable.
 * {@link #done()} completes normally when the lease expired or was revoked (a reply with TTL 0),
 * and exceptionally when renewing failed for good; {@link #close()} stops renewing.
 */
public final class LeaseKeepAlive implements AutoCloseable {
  private static final long MIN_INTERVAL_MILLIS = 500;

  private final Endpoints endpoints;
  private final ScheduledExecutorService scheduler;
  private final long leaseId;
  private final Consumer<LeaseKeepAliveResponse> onReply;
  private final int reconnectAttempts;
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  /** Guards the fields below. */
  private final Object lock = new Object();
  private ClientCallStreamObserver<LeaseKeepAliveRequest> requests;
  private ScheduledFuture<?> next;
  private int failures;

  LeaseKeepAlive(Endpoints endpoints, ScheduledExecutorService scheduler, long leaseId,
      Consumer<LeaseKeepAliveResponse> onReply, int reconnectAttempts) {
    this.endpoints = endpoints;
    this.scheduler = scheduler;
    this.leaseId = leaseId;
    this.onReply = onReply;
    this.reconnectAttempts = reconnectAttempts;
  }

  public long leaseId() {
    return leaseId;
  }

  /** Completes when keeping alive is over (see the class comment). */
  public CompletableFuture<Void> done() {
    return done;
  }

  void start() {
    open();
  }

  private void open() {
    Endpoints.Endpoint endpoint = endpoints.current();
    synchronized (lock) {
      if (done.isDone()) {
        return;
      }
      endpoints.stream(endpoint, LeaseGrpc.getLeaseKeepAliveMethod(), new Replies(endpoint));
      sendLocked();
    }
  }

  private void sendLocked() {
    if (!done.isDone() && requests != null) {
      requests.onNext(LeaseKeepAliveRequest.newBuilder().setID(leaseId).build());
    }
  }

  private void scheduleNext(long ttlSeconds) {
    long interval = Math.max(MIN_INTERVAL_MILLIS, ttlSeconds * 1000 / 3);
    synchronized (lock) {
      if (done.isDone()) {
        return;
      }
      try {
        next = scheduler.schedule(() -> {
          synchronized (lock) {
            sendLocked();
          }
        }, interval, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closing) {
        stop();
      }
    }
  }

  /** Stops renewing; the lease then expires after its TTL unless revoked earlier. */
  @Override
  public void close() {
    synchronized (lock) {
      done.complete(null);
      stop();
    }
  }

  private void stop() {
    synchronized (lock) {
      if (next != null) {
        next.cancel(false);
      }
      if (requests != null) {
        requests.cancel("keep-alive stopped", null);
      }
    }
  }

  private final class Replies
      implements ClientResponseObserver<LeaseKeepAliveRequest, LeaseKeepAliveResponse> {
    private final Endpoints.Endpoint endpoint;

    Replies(Endpoints.Endpoint endpoint) {
      this.endpoint = endpoint;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<LeaseKeepAliveRequest> stream) {
      requests = stream; // inside open(), under lock
    }

    @Override
    public void onNext(LeaseKeepAliveResponse reply) {
      if (done.isDone()) {
        return;
      }
      synchronized (lock) {
        failures = 0;
      }
      if (reply.getTTL() <= 0) {
        done.complete(null);
        stop();
        return;
      }
      onReply.accept(reply);
      scheduleNext(reply.getTTL());
    }

    @Override
    public void onError(Throwable t) {
      if (done.isDone()) {
        return;
      }
      boolean retry;
      synchronized (lock) {
        Status.Code code = Status.fromThrowable(t).getCode();
        retry = (code == Status.Code.UNAVAILABLE || code == Status.Code.CANCELLED)
            && failures++ < reconnectAttempts;
      }
      if (retry) {
        endpoints.failed(endpoint);
        try {
          scheduler.schedule(LeaseKeepAlive.this::open, 100, TimeUnit.MILLISECONDS);
          return;
        } catch (RejectedExecutionException closing) {
          // fall through
        }
      }
      done.completeExceptionally(ClientErrors.map(t));
    }

    @Override
    public void onCompleted() {
      onError(Status.UNAVAILABLE.withDescription("keep-alive stream ended by the server")
          .asRuntimeException());
    }
  }
}
