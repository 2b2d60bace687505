package dev.keel.kvstore.client;

import java.time.Duration;
import java.util.List;

/**
 * Configuration of a {@link KvClient}.
 *
 * @param endpoints "host:port" of each replica's client port, or "inprocess:NAME" for a replica
 *     serving in this JVM ({@code EtcdGrpcServer.inProcessEndpoint()}, called directly), or
 *     "inprocess-grpc:NAME" for the same through grpc-java's in-process transport; the client talks
 *     to the first healthy one and fails over to the next when it becomes unreachable
 * @param callTimeout deadline of each call, retries included (default 10 s)
 * @param maxInboundMessageBytes largest reply accepted (default 64 MiB: big ranges and watch
 *     catch-ups; etcd's Go client accepts up to 2 GiB)
 * @param watchReconnectAttempts how often a watch or a keep-alive stream that failed with an
 *     unavailable endpoint is re-opened (on the next endpoint, resuming after the last revision
 *     seen) before its listener gets the error (default 10)
 */
public record KvClientConfig(
    List<String> endpoints,
    Duration callTimeout,
    int maxInboundMessageBytes,
    int watchReconnectAttempts) {

  public KvClientConfig {
    endpoints = List.copyOf(endpoints);
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one endpoint (host:port) is required");
    }
    for (String endpoint : endpoints) {
      int colon = endpoint.lastIndexOf(':');
      if (colon <= 0 || colon == endpoint.length() - 1) {
        throw new IllegalArgumentException("endpoint must be host:port, got '" + endpoint + "'");
      }
    }
    if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be > 0, got " + callTimeout);
    }
    if (maxInboundMessageBytes <= 0 || watchReconnectAttempts < 0) {
      throw new IllegalArgumentException("maxInboundMessageBytes must be > 0 and "
          + "watchReconnectAttempts >= 0");
    }
  }

  /** Defaults for the given "host:port" endpoints. */
  public static KvClientConfig of(String... endpoints) {
    return of(List.of(endpoints));
  }

  public static KvClientConfig of(List<String> endpoints) {
    return new KvClientConfig(endpoints, Duration.ofSeconds(10), 64 * 1024 * 1024, 10);
  }

  public KvClientConfig withCallTimeout(Duration timeout) {
    return new KvClientConfig(endpoints, timeout, maxInboundMessageBytes, watchReconnectAttempts);
  }
}
