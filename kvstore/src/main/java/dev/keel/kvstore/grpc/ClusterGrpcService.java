package dev.keel.kvstore.grpc;

import dev.keel.kvstore.api.KvService;
import dev.keel.kvstore.proto.ClusterGrpc;
import dev.keel.kvstore.proto.MemberAddRequest;
import dev.keel.kvstore.proto.MemberAddResponse;
import dev.keel.kvstore.proto.MemberListRequest;
import dev.keel.kvstore.proto.MemberListResponse;
import dev.keel.kvstore.proto.MemberRemoveRequest;
import dev.keel.kvstore.proto.MemberRemoveResponse;
import io.grpc.stub.StreamObserver;

/** etcdserverpb.Cluster: list, add, remove. MemberUpdate and MemberPromote stay UNIMPLEMENTED. */
final class ClusterGrpcService extends ClusterGrpc.ClusterImplBase {
  private final KvService service;

  ClusterGrpcService(KvService service) {
    this.service = service;
  }

  @Override
  public void memberList(MemberListRequest request, StreamObserver<MemberListResponse> observer) {
    UnaryReply.send("MemberList", service::memberList, observer);
  }

  @Override
  public void memberAdd(MemberAddRequest request, StreamObserver<MemberAddResponse> observer) {
    UnaryReply.send("MemberAdd", () -> service.memberAdd(request), observer);
  }

  @Override
  public void memberRemove(MemberRemoveRequest request,
      StreamObserver<MemberRemoveResponse> observer) {
    UnaryReply.send("MemberRemove", () -> service.memberRemove(request), observer);
  }
}
