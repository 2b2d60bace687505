package dev.keel.kvstore.grpc;

import dev.keel.kvstore.api.KvService;
import dev.keel.kvstore.proto.CompactionRequest;
import dev.keel.kvstore.proto.CompactionResponse;
import dev.keel.kvstore.proto.DeleteRangeRequest;
import dev.keel.kvstore.proto.DeleteRangeResponse;
import dev.keel.kvstore.proto.KVGrpc;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.PutResponse;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.TxnResponse;
import io.grpc.stub.StreamObserver;

/** etcdserverpb.KV: validates at the edge as etcd does, then hands the request to the store. */
final class KvGrpcService extends KVGrpc.KVImplBase {
  private final KvService service;
  private final RequestChecks checks;

  KvGrpcService(KvService service, RequestChecks checks) {
    this.service = service;
    this.checks = checks;
  }

  @Override
  public void range(RangeRequest request, StreamObserver<RangeResponse> observer) {
    UnaryReply.send("Range", () -> {
      checks.range(request);
      return service.range(request);
    }, observer);
  }

  @Override
  public void put(PutRequest request, StreamObserver<PutResponse> observer) {
    UnaryReply.send("Put", () -> {
      checks.put(request);
      checks.size("Put", request);
      return service.put(request);
    }, observer);
  }

  @Override
  public void deleteRange(DeleteRangeRequest request,
      StreamObserver<DeleteRangeResponse> observer) {
    UnaryReply.send("DeleteRange", () -> {
      checks.deleteRange(request);
      checks.size("DeleteRange", request);
      return service.deleteRange(request);
    }, observer);
  }

  @Override
  public void txn(TxnRequest request, StreamObserver<TxnResponse> observer) {
    UnaryReply.send("Txn", () -> {
      checks.txn(request);
      checks.size("Txn", request);
      return service.txn(request);
    }, observer);
  }

  @Override
  public void compact(CompactionRequest request, StreamObserver<CompactionResponse> observer) {
    UnaryReply.send("Compact", () -> service.compact(request), observer);
  }
}
