package dev.keel.kvstore.client;

import dev.keel.kvstore.api.KvError;
import io.grpc.Deadline;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One unary call to a {@link LocalServer}: the server's method runs on the calling thread, and its
 * answer, or DEADLINE_EXCEEDED when the deadline passes first, reaches {@code target} on the
 * callback executor, never on the thread that answered (a store thread). What {@code target} sees
 * is what a gRPC call would give it: the reply, or a status with the server's description and
 * trailers.
 */
final class LocalUnaryCall<R> implements StreamObserver<R>, Runnable {
  private static final AtomicIntegerFieldUpdater<LocalUnaryCall> DONE =
      AtomicIntegerFieldUpdater.newUpdater(LocalUnaryCall.class, "done");

  private final StreamObserver<R> target;
  private final Executor callbacks;
  /** 1 once the outcome is decided (reply, failure or deadline, whichever first). */
  private volatile int done;
  private volatile ScheduledFuture<?> timer;
  /** Written by the server before {@link #onCompleted}, read after the hand-off. */
  private R reply;
  private Throwable failure;

  private LocalUnaryCall(StreamObserver<R> target, Executor callbacks) {
    this.target = target;
    this.callbacks = callbacks;
  }

  /**
   * Calls {@code method} of {@code server} (null: nothing serves {@code name} in this JVM, which
   * fails as a stopped server does, so writes may go elsewhere too).
   */
  static <Q, R> void start(String name, LocalServer server, MethodDescriptor<Q, R> method,
      Q request, Deadline deadline, ScheduledExecutorService timers, Executor callbacks,
      StreamObserver<R> target) {
    LocalUnaryCall<R> call = new LocalUnaryCall<>(target, callbacks);
    long nanos = deadline.timeRemaining(TimeUnit.NANOSECONDS);
    if (nanos <= 0) {
      call.finish(Status.DEADLINE_EXCEEDED.withDescription(
          "keel: deadline exceeded before the in-process call started").asRuntimeException());
      return;
    }
    if (server == null) {
      call.finish(ClientErrors.status(KvError.STOPPED, "no store serves " + name + " in this JVM"));
      return;
    }
    ServerCalls.UnaryMethod<Q, R> implementation = server.unary(method);
    if (implementation == null) {
      call.finish(Status.UNIMPLEMENTED.withDescription(
          "Method not found: " + method.getFullMethodName()).asRuntimeException());
      return;
    }
    try {
      call.timer = timers.schedule(call::expire, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      call.finish(Status.CANCELLED.withDescription("keel client closed").asRuntimeException());
      return;
    }
    try {
      implementation.invoke(request, call);
    } catch (RuntimeException e) {
      call.onError(e); // as gRPC does with an exception out of a service method: UNKNOWN
    }
  }

  @Override
  public void onNext(R value) {
    reply = value;
  }

  @Override
  public void onError(Throwable t) {
    finish(ClientErrors.received(t));
  }

  @Override
  public void onCompleted() {
    finish(null);
  }

  private void expire() {
    finish(Status.DEADLINE_EXCEEDED.withDescription(
        "keel: deadline exceeded during the in-process call").asRuntimeException());
  }

  private void finish(Throwable outcome) {
    if (!DONE.compareAndSet(this, 0, 1)) {
      return;
    }
    failure = outcome;
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    try {
      callbacks.execute(this);
    } catch (RejectedExecutionException closed) {
      run(); // the client is closed: nothing heavy waits on this any more
    }
  }

  /** Delivers the outcome (on the callback executor). */
  @Override
  public void run() {
    if (failure != null) {
      target.onError(failure);
    } else {
      target.onNext(reply);
      target.onCompleted();
    }
  }
}
