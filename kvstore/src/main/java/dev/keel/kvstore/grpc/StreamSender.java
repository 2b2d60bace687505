package dev.keel.kvstore.grpc;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound side of one server stream, safe to use from any thread.
 *
 * <p>gRPC forbids overlapping calls to {@code onNext}/{@code onError}/{@code onCompleted}, and its
 * flow control says when the transport wants more. This sender queues every message, and one
 * thread at a time (whoever finds the queue non-empty and nobody draining) hands queued messages
 * to gRPC while the transport is ready; the stream's on-ready handler resumes draining. The queue
 * is unbounded here; producers that can produce a lot (watch delivery) bound themselves with
 * {@link #awaitQueuedBelow}.
 *
 * <p>Must be created inside the service method that opens the stream (gRPC accepts the on-ready
 * and on-cancel handlers only there).
 */
final class StreamSender<T> {
  private static final Logger log = LoggerFactory.getLogger(StreamSender.class);

  private sealed interface Item permits Message, End {}

  private record Message<T>(T message, int bytes) implements Item {}

  /** Ends the stream: with {@code error}, or normally when it is null. */
  private record End(StatusRuntimeException error) implements Item {}

  private final ServerCallStreamObserver<T> observer;
  private final ToIntFunction<T> sizer;
  private final Runnable onCancel;

  /** Guards every field below; never held while calling into gRPC. */
  private final Object lock = new Object();
  private final ArrayDeque<Item> queue = new ArrayDeque<>();
  private long queuedBytes;
  /** True while one thread is handing a message to gRPC. */
  private boolean draining;
  /** True once an End is queued or the client cancelled: nothing more is accepted. */
  private boolean closed;

  /**
   * @param onCancel runs once if the client cancels the call or the transport fails
   */
  StreamSender(ServerCallStreamObserver<T> observer, ToIntFunction<T> sizer, Runnable onCancel) {
    this.observer = observer;
    this.sizer = sizer;
    this.onCancel = onCancel;
    observer.setOnReadyHandler(this::drain);
    observer.setOnCancelHandler(this::cancelled);
  }

  /** Queues {@code message}; false when the stream is already closed (the message is dropped). */
  boolean send(T message) {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      int bytes = sizer.applyAsInt(message);
      queue.add(new Message<>(message, bytes));
      queuedBytes += bytes;
    }
    drain();
    return true;
  }

  /** Ends the stream normally after everything queued. */
  void complete() {
    end(new End(null));
  }

  /** Ends the stream with {@code error} after everything queued. */
  void fail(StatusRuntimeException error) {
    end(new End(error));
  }

  boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /**
   * Waits until at most {@code bytes} are queued, the stream is closed, or {@code timeout}
   * passes. Drains itself while waiting, so it works even on the thread that would run the
   * on-ready handler.
   *
   * @return false on timeout
   */
  boolean awaitQueuedBelow(long bytes, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      drain();
      synchronized (lock) {
        if (queuedBytes <= bytes || closed && queue.isEmpty()) {
          return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, Math.min(10, left / 1_000_000)));
      }
    }
  }

  private void end(End end) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(end);
    }
    drain();
  }

  private void cancelled() {
    synchronized (lock) {
      closed = true;
      queue.clear();
      queuedBytes = 0;
      lock.notifyAll();
    }
    onCancel.run();
  }

  private void drain() {
    while (true) {
      Item next;
      synchronized (lock) {
        if (draining || queue.isEmpty()) {
          return;
        }
        if (queue.peek() instanceof Message<?> && !observer.isReady()) {
          return;
        }
        next = queue.poll();
        if (next instanceof Message<?> m) {
          queuedBytes -= m.bytes();
        }
        draining = true;
        lock.notifyAll();
      }
      try {
        deliver(next);
      } finally {
        synchronized (lock) {
          draining = false;
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void deliver(Item item) {
    try {
      if (item instanceof Message<?> m) {
        observer.onNext((T) m.message());
      } else if (item instanceof End end) {
        if (end.error() == null) {
          observer.onCompleted();
        } else {
          observer.onError(end.error());
        }
      }
    } catch (RuntimeException e) {
      // The call is gone (cancelled or transport closed); the cancel handler cleans up.
      log.debug("stream send failed: {}", e.toString());
      synchronized (lock) {
        closed = true;
        queue.clear();
        queuedBytes = 0;
      }
    }
  }
}
