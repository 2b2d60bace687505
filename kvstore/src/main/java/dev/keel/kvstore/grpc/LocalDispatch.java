package dev.keel.kvstore.grpc;

import dev.keel.kvstore.client.LocalServer;
import dev.keel.kvstore.proto.ClusterGrpc;
import dev.keel.kvstore.proto.KVGrpc;
import dev.keel.kvstore.proto.LeaseGrpc;
import dev.keel.kvstore.proto.MaintenanceGrpc;
import dev.keel.kvstore.proto.WatchGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ServerCalls;
import java.util.HashMap;
import java.util.Map;

/**
 * The etcd services of one server as a {@link LocalServer}: each method the gRPC services
 * implement, by its full name, so that a client in this JVM calls the same code (request checks,
 * error statuses, watch and keep-alive streams) without a gRPC call. Methods the services leave
 * UNIMPLEMENTED are absent here too.
 */
final class LocalDispatch implements LocalServer {
  private final Map<String, ServerCalls.UnaryMethod<?, ?>> unary = new HashMap<>();
  private final Map<String, ServerCalls.BidiStreamingMethod<?, ?>> bidi = new HashMap<>();

  LocalDispatch(KvGrpcService kv, WatchGrpcService watch, LeaseGrpcService lease,
      ClusterGrpcService cluster, MaintenanceGrpcService maintenance) {
    unary(KVGrpc.getRangeMethod(), kv::range);
    unary(KVGrpc.getPutMethod(), kv::put);
    unary(KVGrpc.getDeleteRangeMethod(), kv::deleteRange);
    unary(KVGrpc.getTxnMethod(), kv::txn);
    unary(KVGrpc.getCompactMethod(), kv::compact);
    bidi(WatchGrpc.getWatchMethod(), watch::watch);
    unary(LeaseGrpc.getLeaseGrantMethod(), lease::leaseGrant);
    unary(LeaseGrpc.getLeaseRevokeMethod(), lease::leaseRevoke);
    bidi(LeaseGrpc.getLeaseKeepAliveMethod(), lease::leaseKeepAlive);
    unary(LeaseGrpc.getLeaseTimeToLiveMethod(), lease::leaseTimeToLive);
    unary(LeaseGrpc.getLeaseLeasesMethod(), lease::leaseLeases);
    unary(ClusterGrpc.getMemberListMethod(), cluster::memberList);
    unary(ClusterGrpc.getMemberAddMethod(), cluster::memberAdd);
    unary(ClusterGrpc.getMemberRemoveMethod(), cluster::memberRemove);
    unary(MaintenanceGrpc.getStatusMethod(), maintenance::status);
    unary(MaintenanceGrpc.getAlarmMethod(), maintenance::alarm);
  }

  private <Q, R> void unary(MethodDescriptor<Q, R> method, ServerCalls.UnaryMethod<Q, R> call) {
    unary.put(method.getFullMethodName(), call);
  }

  private <Q, R> void bidi(MethodDescriptor<Q, R> method,
      ServerCalls.BidiStreamingMethod<Q, R> call) {
    bidi.put(method.getFullMethodName(), call);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <Q, R> ServerCalls.UnaryMethod<Q, R> unary(MethodDescriptor<Q, R> method) {
    return (ServerCalls.UnaryMethod<Q, R>) unary.get(method.getFullMethodName());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <Q, R> ServerCalls.BidiStreamingMethod<Q, R> bidi(MethodDescriptor<Q, R> method) {
    return (ServerCalls.BidiStreamingMethod<Q, R>) bidi.get(method.getFullMethodName());
  }
}
