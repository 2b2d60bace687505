package dev.keel.kvstore.grpc;

import dev.keel.kvstore.api.KvService;
import dev.keel.kvstore.proto.AlarmRequest;
import dev.keel.kvstore.proto.AlarmResponse;
import dev.keel.kvstore.proto.MaintenanceGrpc;
import dev.keel.kvstore.proto.StatusRequest;
import dev.keel.kvstore.proto.StatusResponse;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/**
 * etcdserverpb.Maintenance: Status, and Alarm which reports no alarms (Keel raises none; a
 * space quota is not implemented). Defragment, Hash, HashKV, Snapshot and MoveLeader stay
 * UNIMPLEMENTED.
 */
final class MaintenanceGrpcService extends MaintenanceGrpc.MaintenanceImplBase {
  private final KvService service;

  MaintenanceGrpcService(KvService service) {
    this.service = service;
  }

  @Override
  public void status(StatusRequest request, StreamObserver<StatusResponse> observer) {
    UnaryReply.send("Status", service::status, observer);
  }

  @Override
  public void alarm(AlarmRequest request, StreamObserver<AlarmResponse> observer) {
    UnaryReply.send("Alarm", () -> CompletableFuture.completedFuture(
        AlarmResponse.newBuilder().setHeader(service.header()).build()), observer);
  }
}
