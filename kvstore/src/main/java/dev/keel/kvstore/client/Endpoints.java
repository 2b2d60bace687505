package dev.keel.kvstore.client;

import io.grpc.CallOptions;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How to reach each replica endpoint, and the endpoint currently in use: calls go to the current
 * endpoint until it fails with an unavailable error, then to the next one (first healthy with
 * failover; channels reconnect on their own and local servers are looked up at each call, so an
 * endpoint that comes back is used again when its turn comes).
 *
 * <p>An endpoint is a gRPC channel ("host:port"; "inprocess-grpc:NAME": grpc-java's in-process
 * transport) or, for "inprocess:NAME", the {@link LocalServer} registered under NAME in this JVM,
 * called directly. Answers of local servers reach the caller on this client's callback threads
 * ({@code keel-kvclient-callback-N}), never on the store thread that produced them.
 */
final class Endpoints implements AutoCloseable {
  /** The endpoint a call uses: a channel, or the name of a local server. */
  record Endpoint(int index, String address, ManagedChannel channel, String localName) {}

  /** Prefix of an endpoint served in this JVM, called directly ({@link LocalServers}). */
  static final String IN_PROCESS = "inprocess:";
  /** Prefix of an endpoint served in this JVM through grpc-java's in-process transport. */
  static final String IN_PROCESS_GRPC = "inprocess-grpc:";

  private static final long CLOSE_WAIT_SECONDS = 2;

  private final List<Endpoint> endpoints = new ArrayList<>();
  private final List<String> addresses;
  private final AtomicInteger current = new AtomicInteger();
  /** Runs local servers' answers; null when no endpoint is local. */
  private final CallbackExecutor callbacks;
  private final Set<LocalBidiCall<?, ?>> openLocalStreams = ConcurrentHashMap.newKeySet();

  /** {@code timers}: the client's timer (deadlines of local calls, the callbacks' watchdog). */
  Endpoints(List<String> addresses, int maxInboundMessageBytes, ScheduledExecutorService timers) {
    this.addresses = List.copyOf(addresses);
    boolean anyLocal = false;
    for (String address : addresses) {
      int index = endpoints.size();
      if (address.startsWith(IN_PROCESS)) {
        endpoints.add(new Endpoint(index, address, null, address.substring(IN_PROCESS.length())));
        anyLocal = true;
      } else if (address.startsWith(IN_PROCESS_GRPC)) {
        endpoints.add(new Endpoint(index, address,
            InProcessChannelBuilder.forName(address.substring(IN_PROCESS_GRPC.length()))
                .maxInboundMessageSize(maxInboundMessageBytes)
                .build(), null));
      } else {
        endpoints.add(new Endpoint(index, address, networkChannel(address, maxInboundMessageBytes),
            null));
      }
    }
    this.callbacks = anyLocal ? new CallbackExecutor(timers) : null;
  }

  private static ManagedChannel networkChannel(String address, int maxInboundMessageBytes) {
    int colon = address.lastIndexOf(':');
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = Integer.parseInt(address.substring(colon + 1));
    return NettyChannelBuilder.forAddress(host, port)
        .usePlaintext()
        .maxInboundMessageSize(maxInboundMessageBytes)
        .build();
  }

  Endpoint current() {
    return endpoints.get(current.get());
  }

  /** The endpoint at {@code address} (one of the configured ones). */
  Endpoint byAddress(String address) {
    int index = addresses.indexOf(address);
    if (index < 0) {
      throw new IllegalArgumentException(
          "unknown endpoint " + address + "; configured: " + addresses);
    }
    return endpoints.get(index);
  }

  List<String> addresses() {
    return addresses;
  }

  /** The call on {@code failed} could not be served: move on, unless someone already did. */
  void failed(Endpoint failed) {
    current.compareAndSet(failed.index(), (failed.index() + 1) % addresses.size());
  }

  /**
   * Starts a unary call on {@code endpoint}; {@code observer} gets its outcome on a client thread
   * (a timer of {@code timers} enforces the deadline of local calls).
   */
  <Q, R> void unary(Endpoint endpoint, MethodDescriptor<Q, R> method, Q request,
      Deadline deadline, ScheduledExecutorService timers, StreamObserver<R> observer) {
    if (endpoint.channel() != null) {
      ClientCalls.asyncUnaryCall(
          endpoint.channel().newCall(method, CallOptions.DEFAULT.withDeadline(deadline)),
          request, observer);
    } else {
      LocalUnaryCall.start(endpoint.address(), LocalServers.find(endpoint.localName()), method,
          request, deadline, timers, callbacks, observer);
    }
  }

  /** Opens a bidi stream on {@code endpoint} (without deadline: streams live until closed). */
  <Q, R> void stream(Endpoint endpoint, MethodDescriptor<Q, R> method,
      ClientResponseObserver<Q, R> observer) {
    if (endpoint.channel() != null) {
      ClientCalls.asyncBidiStreamingCall(
          endpoint.channel().newCall(method, CallOptions.DEFAULT), observer);
    } else {
      LocalBidiCall.open(endpoint.address(), LocalServers.find(endpoint.localName()), method,
          observer, callbacks, openLocalStreams);
    }
  }

  @Override
  public void close() {
    for (LocalBidiCall<?, ?> stream : List.copyOf(openLocalStreams)) {
      stream.cancel("keel client closed");
    }
    List<ManagedChannel> channels = endpoints.stream()
        .map(Endpoint::channel).filter(c -> c != null).toList();
    channels.forEach(ManagedChannel::shutdown);
    try {
      for (ManagedChannel channel : channels) {
        if (!channel.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
          channel.shutdownNow();
          channel.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      channels.forEach(ManagedChannel::shutdownNow);
      Thread.currentThread().interrupt();
    }
    if (callbacks != null) {
      callbacks.close();
    }
  }
}
