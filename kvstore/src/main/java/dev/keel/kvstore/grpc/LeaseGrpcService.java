package dev.keel.kvstore.grpc;

import dev.keel.kvstore.api.KvService;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.LeaseGrantResponse;
import dev.keel.kvstore.proto.LeaseGrpc;
import dev.keel.kvstore.proto.LeaseKeepAliveRequest;
import dev.keel.kvstore.proto.LeaseKeepAliveResponse;
import dev.keel.kvstore.proto.LeaseLeasesRequest;
import dev.keel.kvstore.proto.LeaseLeasesResponse;
import dev.keel.kvstore.proto.LeaseRevokeRequest;
import dev.keel.kvstore.proto.LeaseRevokeResponse;
import dev.keel.kvstore.proto.LeaseTimeToLiveRequest;
import dev.keel.kvstore.proto.LeaseTimeToLiveResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** etcdserverpb.Lease. TTL rules (minimum, maximum, truncation) are the store's. */
final class LeaseGrpcService extends LeaseGrpc.LeaseImplBase {
  private final KvService service;
  private final OpenStreams open;

  LeaseGrpcService(KvService service, OpenStreams open) {
    this.service = service;
    this.open = open;
  }

  @Override
  public void leaseGrant(LeaseGrantRequest request, StreamObserver<LeaseGrantResponse> observer) {
    UnaryReply.send("LeaseGrant", () -> service.leaseGrant(request), observer);
  }

  @Override
  public void leaseRevoke(LeaseRevokeRequest request,
      StreamObserver<LeaseRevokeResponse> observer) {
    UnaryReply.send("LeaseRevoke", () -> service.leaseRevoke(request), observer);
  }

  @Override
  public StreamObserver<LeaseKeepAliveRequest> leaseKeepAlive(
      StreamObserver<LeaseKeepAliveResponse> observer) {
    return new LeaseKeepAliveStream(
        service, open, (ServerCallStreamObserver<LeaseKeepAliveResponse>) observer);
  }

  @Override
  public void leaseTimeToLive(LeaseTimeToLiveRequest request,
      StreamObserver<LeaseTimeToLiveResponse> observer) {
    UnaryReply.send("LeaseTimeToLive", () -> service.leaseTimeToLive(request), observer);
  }

  @Override
  public void leaseLeases(LeaseLeasesRequest request,
      StreamObserver<LeaseLeasesResponse> observer) {
    UnaryReply.send("LeaseLeases", service::leaseLeases, observer);
  }
}
