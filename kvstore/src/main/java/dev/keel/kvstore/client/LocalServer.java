package dev.keel.kvstore.client;

import io.grpc.MethodDescriptor;
import io.grpc.stub.ServerCalls;

/**
 * A store front end in this JVM that a {@link KvClient} calls directly: no gRPC call objects, no
 * transport, no serialization. The etcd gRPC server registers one under its in-process name in
 * {@link LocalServers}; its methods are the gRPC services' own implementations, so requests are
 * checked and failures become statuses exactly as they do over gRPC.
 *
 * <p>Threads: a method runs on the calling client thread and must not wait for long (the same
 * contract as a gRPC server with a direct executor); it answers its observer on any thread,
 * possibly a store thread, so the client hands every answer to its own callback threads.
 */
public interface LocalServer {
  /** The implementation of unary {@code method}, or null when this server does not serve it. */
  <Q, R> ServerCalls.UnaryMethod<Q, R> unary(MethodDescriptor<Q, R> method);

  /** The implementation of bidi-streaming {@code method}, or null. */
  <Q, R> ServerCalls.BidiStreamingMethod<Q, R> bidi(MethodDescriptor<Q, R> method);
}
