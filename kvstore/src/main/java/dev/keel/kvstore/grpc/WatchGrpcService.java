package dev.keel.kvstore.grpc;

import dev.keel.kvstore.api.KvService;
import dev.keel.kvstore.proto.WatchGrpc;
import dev.keel.kvstore.proto.WatchRequest;
import dev.keel.kvstore.proto.WatchResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ScheduledExecutorService;

/** etcdserverpb.Watch: one {@link WatchStream} per call. */
final class WatchGrpcService extends WatchGrpc.WatchImplBase {
  private final KvService service;
  private final EtcdGrpcServerConfig config;
  private final ScheduledExecutorService scheduler;
  private final OpenStreams open;

  WatchGrpcService(KvService service, EtcdGrpcServerConfig config,
      ScheduledExecutorService scheduler, OpenStreams open) {
    this.service = service;
    this.config = config;
    this.scheduler = scheduler;
    this.open = open;
  }

  @Override
  public StreamObserver<WatchRequest> watch(StreamObserver<WatchResponse> observer) {
    return new WatchStream(
        service, config, scheduler, open, (ServerCallStreamObserver<WatchResponse>) observer);
  }
}
