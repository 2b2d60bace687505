package dev.keel.kvstore.grpc;

import dev.keel.kvstore.api.KvService;
import dev.keel.kvstore.proto.LeaseKeepAliveRequest;
import dev.keel.kvstore.proto.LeaseKeepAliveResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * One LeaseKeepAlive stream. Requests are renewed one after another, in arrival order, as etcd's
 * receive loop does; each gets a reply with the full granted TTL, or TTL 0 for an unknown or
 * expired lease. A store failure (no leader, timeout) ends the stream with that error.
 */
final class LeaseKeepAliveStream implements StreamObserver<LeaseKeepAliveRequest> {
  private final KvService service;
  private final StreamSender<LeaseKeepAliveResponse> sender;
  /** The last renewal in the chain; touched only on gRPC's serialized inbound callbacks. */
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

  private final Runnable deregister;

  LeaseKeepAliveStream(KvService service, OpenStreams open,
      ServerCallStreamObserver<LeaseKeepAliveResponse> out) {
    this.service = service;
    this.deregister = open.register(this::stop);
    this.sender = new StreamSender<>(out, LeaseKeepAliveResponse::getSerializedSize, deregister);
  }

  private void stop(io.grpc.StatusRuntimeException status) {
    deregister.run();
    sender.fail(status);
  }

  @Override
  public void onNext(LeaseKeepAliveRequest request) {
    long id = request.getID();
    last = last.thenCompose(ignored -> renew(id));
  }

  private CompletableFuture<Void> renew(long id) {
    if (sender.isClosed()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<LeaseKeepAliveResponse> renewal;
    try {
      renewal = service.leaseKeepAlive(id);
    } catch (RuntimeException e) {
      renewal = CompletableFuture.failedFuture(e);
    }
    return renewal.handle((reply, failure) -> {
      if (failure != null) {
        stop(GrpcErrors.toStatus(failure, "LeaseKeepAlive"));
      } else {
        sender.send(reply);
      }
      return null;
    });
  }

  @Override
  public void onError(Throwable t) {
    // The client went away; the sender's cancel handler already closed it.
  }

  @Override
  public void onCompleted() {
    last.whenComplete((ignored, failure) -> {
      deregister.run();
      sender.complete();
    });
  }
}
