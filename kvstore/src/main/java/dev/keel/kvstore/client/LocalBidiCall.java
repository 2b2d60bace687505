package dev.keel.kvstore.client;

import dev.keel.kvstore.api.KvError;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bidi stream to a {@link LocalServer}, without gRPC. The client's requests go to the server's
 * request observer on the client's thread, one at a time (gRPC serializes inbound callbacks too).
 * The server's responses are queued and handed to the client's observer in order, on the callback
 * executor; the server sees {@code isReady()} false while {@value #WINDOW} are queued and its
 * on-ready handler runs once the client has caught up, so a slow client holds a watch's events
 * back in the server's send buffer, as over gRPC. Cancelling (by the client) and ending (by the
 * server) follow gRPC: the other side learns of it, and the client's observer gets exactly one
 * final {@code onError} or {@code onCompleted}.
 */
final class LocalBidiCall<Q, R> implements Runnable {
  /** Responses queued for the client beyond which the server is told to hold back. */
  static final int WINDOW = 16;
  /** Responses handed over per executor task, so that busy streams share the callback threads. */
  private static final int BATCH = 64;

  private static final Logger log = LoggerFactory.getLogger(LocalBidiCall.class);

  /** The server's end of the stream (or the client's cancel): delivered last. */
  private record End(StatusRuntimeException error) {}

  private final ClientResponseObserver<Q, R> client;
  private final Executor callbacks;
  /** The client's open local streams, which this one is part of until it ends. */
  private final Set<LocalBidiCall<?, ?>> open;

  /** Guards the outbound state below; never held while calling either side. */
  private final Object lock = new Object();
  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  /** A delivery task is queued or running. */
  private boolean scheduled;
  private boolean serverEnded;
  private boolean cancelled;
  /** The client got its final callback. */
  private boolean finished;
  private boolean readyWanted;
  private Runnable onReady;
  private Runnable onCancel;

  /** Guards the inbound side: the server's request observer is called under it. */
  private final Object inbound = new Object();
  private StreamObserver<Q> requests;
  private boolean halfClosed;

  private LocalBidiCall(ClientResponseObserver<Q, R> client, Executor callbacks,
      Set<LocalBidiCall<?, ?>> open) {
    this.client = client;
    this.callbacks = callbacks;
    this.open = open;
  }

  /**
   * Opens {@code method} of {@code server} (null: nothing serves {@code name} in this JVM, which
   * ends the stream as a stopped server does) for {@code client}; the stream is in {@code open}
   * until the client got its final callback.
   */
  static <Q, R> void open(String name, LocalServer server, MethodDescriptor<Q, R> method,
      ClientResponseObserver<Q, R> client, Executor callbacks, Set<LocalBidiCall<?, ?>> open) {
    LocalBidiCall<Q, R> call = new LocalBidiCall<>(client, callbacks, open);
    open.add(call);
    client.beforeStart(call.new ClientSide());
    ServerCalls.BidiStreamingMethod<Q, R> implementation =
        server == null ? null : server.bidi(method);
    if (server == null) {
      call.end(ClientErrors.status(KvError.STOPPED, "no store serves " + name + " in this JVM"));
    } else if (implementation == null) {
      call.end(Status.UNIMPLEMENTED.withDescription(
          "Method not found: " + method.getFullMethodName()).asRuntimeException());
    } else {
      synchronized (call.inbound) {
        try {
          call.requests = implementation.invoke(call.new ServerSide());
        } catch (RuntimeException e) {
          call.end(ClientErrors.received(e));
        }
      }
    }
  }

  /** Cancels the stream as the client would (the client is closing). */
  void cancel(String message) {
    cancel(message, null);
  }

  private void cancel(String message, Throwable cause) {
    Runnable handler;
    boolean submit;
    synchronized (lock) {
      if (cancelled || finished) {
        return;
      }
      cancelled = true;
      queue.clear();
      queue.add(new End(Status.CANCELLED.withDescription(message).withCause(cause)
          .asRuntimeException()));
      handler = serverEnded ? null : onCancel;
      submit = !scheduled;
      scheduled = true;
    }
    if (handler != null) {
      handler.run();
    }
    synchronized (inbound) {
      if (requests != null && !halfClosed) {
        halfClosed = true;
        try {
          requests.onError(Status.CANCELLED.withDescription("client cancelled")
              .asRuntimeException());
        } catch (RuntimeException e) {
          log.debug("server stream observer failed on cancel: {}", e.toString());
        }
      }
    }
    if (submit) {
      submit();
    }
  }

  /** The server ends the stream: normally ({@code error} null) or with {@code error}. */
  private void end(StatusRuntimeException error) {
    fromServer(new End(error), true);
  }

  private void send(R response) {
    fromServer(response, false);
  }

  /** Queues what the server sent for the client ({@code last}: the end of the stream). */
  private void fromServer(Object item, boolean last) {
    boolean submit;
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      if (serverEnded) {
        throw new IllegalStateException("call already closed");
      }
      serverEnded = last;
      queue.add(item);
      submit = !scheduled;
      scheduled = true;
    }
    if (submit) {
      submit();
    }
  }

  private void submit() {
    try {
      callbacks.execute(this);
    } catch (RejectedExecutionException closed) {
      run(); // the client is closed: deliver what is left here
    }
  }

  /** Hands queued responses to the client, in order, at most {@link #BATCH} per task. */
  @Override
  public void run() {
    for (int n = 0; ; n++) {
      Object item;
      Runnable ready = null;
      synchronized (lock) {
        item = finished ? null : queue.poll();
        if (item == null) {
          scheduled = false;
          return;
        }
        if (n == BATCH) {
          queue.addFirst(item);
          item = null;
        } else if (item instanceof End) {
          finished = true;
        } else if (readyWanted && queue.size() < WINDOW) {
          readyWanted = false;
          ready = onReady;
        }
      }
      if (item == null) {
        submit(); // still scheduled: continue in a fresh task
        return;
      }
      deliver(item);
      if (ready != null) {
        ready.run();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void deliver(Object item) {
    if (item instanceof End end) {
      open.remove(this);
      if (end.error() == null) {
        client.onCompleted();
      } else {
        client.onError(end.error());
      }
      return;
    }
    try {
      client.onNext((R) item);
    } catch (RuntimeException e) {
      log.warn("stream observer failed; cancelling the stream", e);
      cancel("keel client: observer failed", e);
    }
  }

  /** What the client holds: its requests go straight to the server. */
  private final class ClientSide extends ClientCallStreamObserver<Q> {
    @Override
    public void onNext(Q request) {
      synchronized (inbound) {
        if (requests == null || halfClosed || isCancelled()) {
          return; // the stream is over: as over gRPC, the request goes nowhere
        }
        requests.onNext(request);
      }
    }

    @Override
    public void onError(Throwable t) {
      cancel("Cancelled by client with StreamObserver.onError()", t);
    }

    @Override
    public void onCompleted() {
      synchronized (inbound) {
        if (requests != null && !halfClosed) {
          halfClosed = true;
          requests.onCompleted();
        }
      }
    }

    @Override
    public void cancel(String message, Throwable cause) {
      LocalBidiCall.this.cancel(message, cause);
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
      // always ready: requests are handed over synchronously
    }

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}
  }

  private boolean isCancelled() {
    synchronized (lock) {
      return cancelled;
    }
  }

  /** What the server's stream implementation holds: its responses are queued for the client. */
  private final class ServerSide extends ServerCallStreamObserver<R> {
    @Override
    public void onNext(R response) {
      send(response);
    }

    @Override
    public void onError(Throwable t) {
      end(ClientErrors.received(t));
    }

    @Override
    public void onCompleted() {
      end(null);
    }

    @Override
    public boolean isReady() {
      synchronized (lock) {
        if (cancelled || serverEnded) {
          return false;
        }
        boolean ready = queue.size() < WINDOW;
        if (!ready) {
          readyWanted = true;
        }
        return ready;
      }
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
      synchronized (lock) {
        onReady = handler;
      }
    }

    @Override
    public boolean isCancelled() {
      return LocalBidiCall.this.isCancelled();
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
      synchronized (lock) {
        onCancel = handler;
      }
    }

    @Override
    public void setCompression(String compression) {}

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}
  }
}
