package dev.keel.kvstore.client;

import io.grpc.Deadline;
import io.grpc.MethodDescriptor;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one unary call with a deadline covering all attempts; when the endpoint cannot serve
 * (see {@link ClientErrors#retryElsewhere}) it fails over to the next endpoint and tries again
 * after a short, growing pause, until the deadline.
 */
final class UnaryInvoker {
  private static final long MAX_BACKOFF_MILLIS = 500;

  private final Endpoints endpoints;
  private final ScheduledExecutorService scheduler;
  private final Duration timeout;

  UnaryInvoker(Endpoints endpoints, ScheduledExecutorService scheduler, Duration timeout) {
    this.endpoints = endpoints;
    this.scheduler = scheduler;
    this.timeout = timeout;
  }

  Duration timeout() {
    return timeout;
  }

  /** Calls the current endpoint, failing over as described. */
  <Q, R> CompletableFuture<R> call(MethodDescriptor<Q, R> method, Q request, boolean idempotent) {
    Deadline deadline = Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS);
    CompletableFuture<R> result = new CompletableFuture<>();
    attempt(new Attempt<>(method, request, idempotent, deadline, null, result), 0);
    return result;
  }

  /** Calls one given endpoint only (per-endpoint status), without failover. */
  <Q, R> CompletableFuture<R> callAt(String address, MethodDescriptor<Q, R> method, Q request) {
    Deadline deadline = Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS);
    CompletableFuture<R> result = new CompletableFuture<>();
    attempt(new Attempt<>(method, request, false, deadline, endpoints.byAddress(address),
        result), 0);
    return result;
  }

  private record Attempt<Q, R>(MethodDescriptor<Q, R> method, Q request, boolean idempotent,
      Deadline deadline, Endpoints.Endpoint fixed, CompletableFuture<R> result) {}

  private <Q, R> void attempt(Attempt<Q, R> a, int number) {
    Endpoints.Endpoint endpoint = a.fixed() != null ? a.fixed() : endpoints.current();
    endpoints.unary(endpoint, a.method(), a.request(), a.deadline(), scheduler,
        new Outcome<>(a, number, endpoint));
  }

  /** The outcome of one attempt: the reply, a failover, or the final failure. */
  private final class Outcome<Q, R> implements StreamObserver<R> {
    private final Attempt<Q, R> a;
    private final int number;
    private final Endpoints.Endpoint endpoint;
    private R reply;

    Outcome(Attempt<Q, R> a, int number, Endpoints.Endpoint endpoint) {
      this.a = a;
      this.number = number;
      this.endpoint = endpoint;
    }

    @Override
    public void onNext(R value) {
      reply = value;
    }

    @Override
    public void onError(Throwable t) {
      if (a.fixed() == null && !a.deadline().isExpired()
          && ClientErrors.retryElsewhere(t, a.idempotent())) {
        endpoints.failed(endpoint);
        long pause = Math.min(MAX_BACKOFF_MILLIS, 25L * (1L << Math.min(number, 5)));
        try {
          scheduler.schedule(() -> attempt(a, number + 1), pause, TimeUnit.MILLISECONDS);
          return;
        } catch (RejectedExecutionException closed) {
          // the client is closing: report the failure below
        }
      }
      a.result().completeExceptionally(ClientErrors.map(t));
    }

    @Override
    public void onCompleted() {
      a.result().complete(reply);
    }
  }
}
