package dev.keel.kvstore.client;

import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.WatchGrpc;
import dev.keel.kvstore.proto.WatchRequest;
import dev.keel.kvstore.proto.WatchResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch on its own gRPC stream. When the stream fails with UNAVAILABLE (replica down, slow
 * consumer cut off) it is re-opened on the next endpoint from the revision after the last one
 * delivered, so the listener sees no gap and no duplicate. {@link #close()} cancels it.
 */
public final class KvWatch implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KvWatch.class);

  private final Endpoints endpoints;
  private final ScheduledExecutorService scheduler;
  private final WatchOptions options;
  private final KvWatchListener listener;
  private final int reconnectAttempts;

  /** Guards {@link #requests} and {@link #closed}. */
  private final Object lock = new Object();
  private ClientCallStreamObserver<WatchRequest> requests;
  private boolean closed;

  // Touched only from stream callbacks, which never overlap (one stream at a time).
  /** The next revision the listener needs; 0 until known when watching "from now". */
  private long nextRevision;
  private boolean createdReported;
  private int failures;
  private final List<Event> fragments = new ArrayList<>();

  KvWatch(Endpoints endpoints, ScheduledExecutorService scheduler, WatchOptions options,
      KvWatchListener listener, int reconnectAttempts) {
    this.endpoints = endpoints;
    this.scheduler = scheduler;
    this.options = options;
    this.listener = listener;
    this.reconnectAttempts = reconnectAttempts;
    this.nextRevision = options.startRevision();
  }

  void start() {
    open();
  }

  private void open() {
    Endpoints.Endpoint endpoint = endpoints.current();
    synchronized (lock) {
      if (closed) {
        return;
      }
      endpoints.stream(endpoint, WatchGrpc.getWatchMethod(), new Responses(endpoint));
      requests.onNext(WatchRequest.newBuilder()
          .setCreateRequest(options.toCreateRequest(nextRevision)).build());
    }
  }

  /** Cancels the watch; the listener gets no further calls once the stream has stopped. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (requests != null) {
        requests.cancel("watch closed by the client", null);
      }
    }
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  private final class Responses implements ClientResponseObserver<WatchRequest, WatchResponse> {
    private final Endpoints.Endpoint endpoint;
    private ClientCallStreamObserver<WatchRequest> stream;
    private boolean over;

    Responses(Endpoints.Endpoint endpoint) {
      this.endpoint = endpoint;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchRequest> stream) {
      this.stream = stream;
      requests = stream; // called inside open(), under lock
    }

    @Override
    public void onNext(WatchResponse response) {
      if (over || isClosed()) {
        return;
      }
      long revision = response.getHeader().getRevision();
      if (response.getCreated()) {
        if (response.getCanceled()) {
          finish(new StatusRuntimeException(Status.INVALID_ARGUMENT.withDescription(
              response.getCancelReason())));
          return;
        }
        failures = 0;
        if (nextRevision == 0) {
          nextRevision = revision + 1;
        }
        if (!createdReported) {
          createdReported = true;
          listener.onCreated(revision);
        }
      } else if (response.getCanceled()) {
        over = true;
        if (response.getCompactRevision() != 0) {
          listener.onCompacted(response.getCompactRevision());
        } else {
          listener.onError(new StatusRuntimeException(Status.CANCELLED.withDescription(
              "watch canceled by the server: " + response.getCancelReason())));
        }
        cancelCall();
      } else if (response.getEventsCount() == 0 && fragments.isEmpty()) {
        nextRevision = Math.max(nextRevision, revision + 1);
        listener.onProgress(revision);
      } else {
        fragments.addAll(response.getEventsList());
        if (response.getFragment()) {
          return;
        }
        List<Event> events = List.copyOf(fragments);
        fragments.clear();
        long last = events.get(events.size() - 1).getKv().getModRevision();
        nextRevision = last + 1;
        listener.onEvents(Math.max(revision, last), events);
      }
    }

    @Override
    public void onError(Throwable t) {
      if (over || isClosed()) {
        return;
      }
      fragments.clear();
      Status status = Status.fromThrowable(t);
      // CANCELLED that this client did not ask for: the server cut the stream (e.g. shutdown).
      boolean resumable = status.getCode() == Status.Code.UNAVAILABLE
          || status.getCode() == Status.Code.CANCELLED;
      if (resumable && failures < reconnectAttempts) {
        failures++;
        endpoints.failed(endpoint);
        long pause = Math.min(1000, 50L * failures);
        log.debug("watch stream on {} failed ({}); reopening from revision {} in {} ms",
            endpoint.address(), status, nextRevision, pause);
        try {
          scheduler.schedule(KvWatch.this::open, pause, TimeUnit.MILLISECONDS);
          over = true;
          return;
        } catch (RejectedExecutionException closing) {
          // the client is closing
        }
      }
      finish(ClientErrors.map(t));
    }

    @Override
    public void onCompleted() {
      onError(Status.UNAVAILABLE.withDescription("watch stream ended by the server")
          .asRuntimeException());
    }

    private void finish(Throwable error) {
      over = true;
      listener.onError(error);
      cancelCall();
    }

    private void cancelCall() {
      stream.cancel("watch over", null);
    }
  }
}
