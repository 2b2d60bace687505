package dev.keel.kvstore.client;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One gRPC channel per replica endpoint and the endpoint currently in use: calls go to the
 * current endpoint until it fails with an unavailable error, then to the next one (first healthy
 * with failover; channels reconnect on their own, so an endpoint that comes back is used again
 * when its turn comes).
 */
final class Endpoints implements AutoCloseable {
  /** The endpoint a call uses. */
  record Endpoint(int index, String address, ManagedChannel channel) {}

  /** Prefix of an endpoint served in this JVM ({@code EtcdGrpcServer.inProcessEndpoint()}). */
  static final String IN_PROCESS = "inprocess:";

  private final List<String> addresses;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final AtomicInteger current = new AtomicInteger();

  Endpoints(List<String> addresses, int maxInboundMessageBytes) {
    this.addresses = List.copyOf(addresses);
    for (String address : addresses) {
      if (address.startsWith(IN_PROCESS)) {
        channels.add(InProcessChannelBuilder.forName(address.substring(IN_PROCESS.length()))
            .maxInboundMessageSize(maxInboundMessageBytes)
            .build());
        continue;
      }
      int colon = address.lastIndexOf(':');
      String host = address.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = Integer.parseInt(address.substring(colon + 1));
      channels.add(NettyChannelBuilder.forAddress(host, port)
          .usePlaintext()
          .maxInboundMessageSize(maxInboundMessageBytes)
          .build());
    }
  }

  Endpoint current() {
    int index = current.get();
    return new Endpoint(index, addresses.get(index), channels.get(index));
  }

  /** The endpoint at {@code address} (one of the configured ones). */
  Endpoint byAddress(String address) {
    int index = addresses.indexOf(address);
    if (index < 0) {
      throw new IllegalArgumentException(
          "unknown endpoint " + address + "; configured: " + addresses);
    }
    return new Endpoint(index, address, channels.get(index));
  }

  List<String> addresses() {
    return addresses;
  }

  /** The call on {@code failed} could not be served: move on, unless someone already did. */
  void failed(Endpoint failed) {
    current.compareAndSet(failed.index(), (failed.index() + 1) % addresses.size());
  }

  @Override
  public void close() {
    for (ManagedChannel channel : channels) {
      channel.shutdown();
    }
    try {
      for (ManagedChannel channel : channels) {
        if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
          channel.shutdownNow();
          channel.awaitTermination(2, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      channels.forEach(ManagedChannel::shutdownNow);
      Thread.currentThread().interrupt();
    }
  }
}
