package dev.keel.kvstore.grpc;

import dev.keel.kvstore.proto.WatchCreateRequest;
import dev.keel.kvstore.proto.WatchGrpc;
import dev.keel.kvstore.proto.WatchRequest;
import dev.keel.kvstore.proto.WatchResponse;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw client-side Watch stream whose responses a test takes one by one, with timeouts. */
final class WatchProbe implements AutoCloseable {
  private final BlockingQueue<WatchResponse> responses = new LinkedBlockingQueue<>();
  private final StreamObserver<WatchRequest> requests;
  private volatile Throwable error;

  WatchProbe(Channel channel) {
    requests = WatchGrpc.newStub(channel).watch(new StreamObserver<>() {
      @Override
      public void onNext(WatchResponse value) {
        responses.add(value);
      }

      @Override
      public void onError(Throwable t) {
        error = t;
      }

      @Override
      public void onCompleted() {}
    });
  }

  synchronized void create(WatchCreateRequest create) {
    requests.onNext(WatchRequest.newBuilder().setCreateRequest(create).build());
  }

  synchronized void cancel(long id) {
    requests.onNext(WatchRequest.newBuilder()
        .setCancelRequest(dev.keel.kvstore.proto.WatchCancelRequest.newBuilder().setWatchId(id))
        .build());
  }

  synchronized void progress() {
    requests.onNext(WatchRequest.newBuilder()
        .setProgressRequest(dev.keel.kvstore.proto.WatchProgressRequest.getDefaultInstance())
        .build());
  }

  /** The next response; fails the test after 5 s. */
  WatchResponse next() throws InterruptedException {
    WatchResponse r = responses.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no watch response within 5 s" + (error == null ? "" : ": " + error));
    }
    return r;
  }

  /** The next response if one comes within {@code wait}. */
  Optional<WatchResponse> poll(Duration wait) throws InterruptedException {
    return Optional.ofNullable(responses.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
  }

  @Override
  public synchronized void close() {
    requests.onError(new RuntimeException("test done"));
  }
}
