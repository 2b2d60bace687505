package dev.keel.kvstore.grpc;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Completes a unary gRPC call from a store future: one reply, or one mapped error. */
final class UnaryReply {
  private UnaryReply() {}

  /**
   * Runs {@code call} (which may also throw synchronously) and answers {@code observer} when its
   * future completes, on whatever thread completes it.
   */
  static <T> void send(String method, Supplier<CompletableFuture<T>> call,
      StreamObserver<T> observer) {
    CompletableFuture<T> future;
    try {
      future = call.get();
    } catch (RuntimeException e) {
      observer.onError(GrpcErrors.toStatus(e, method));
      return;
    }
    future.whenComplete((reply, failure) -> {
      if (failure != null) {
        observer.onError(GrpcErrors.toStatus(failure, method));
      } else {
        observer.onNext(reply);
        observer.onCompleted();
      }
    });
  }
}
