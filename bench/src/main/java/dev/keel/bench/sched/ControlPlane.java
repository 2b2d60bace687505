package dev.keel.bench.sched;

import dev.keel.apiserver.ApiServer;
import dev.keel.apiserver.ApiServerConfig;
import dev.keel.kvstore.replica.PeerPorts;
import dev.keel.kvstore.replica.PeerSpec;
import dev.keel.kvstore.replica.Replica;
import dev.keel.kvstore.replica.ReplicaConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A one-replica Keel store and an apiserver in this JVM, on free loopback ports, for a run that
 * needs no external cluster. The harness and the scheduler reach the apiserver over its plain
 * HTTP loopback port (no TLS). Closed in reverse order.
 */
final class ControlPlane implements AutoCloseable {
  private final Replica replica;
  private final ApiServer apiServer;

  private ControlPlane(Replica replica, ApiServer apiServer) {
    this.replica = replica;
    this.apiServer = apiServer;
  }

  /** How the apiserver reaches the store. */
  enum StoreTransport {
    /** The replica's services called directly in this JVM (what {@code keel up} uses). */
    inprocess("in-process"),
    /** grpc-java's in-process transport (what {@code keel up} used before the direct calls). */
    inprocessgrpc("in-process through gRPC"),
    /** gRPC over the replica's loopback client port (a separately started apiserver). */
    grpc("over gRPC on loopback");

    final String description;

    StoreTransport(String description) {
      this.description = description;
    }
  }

  static ControlPlane start(Path dataDir, StoreTransport transport) {
    PeerSpec self = new PeerSpec("n1", "127.0.0.1", PeerPorts.pick("127.0.0.1"));
    Replica replica = new Replica(ReplicaConfig.of("n1", dataDir.resolve("store"), List.of(self))
        .withClientPort(0).withMetricsPort(-1)).start();
    try {
      String endpoint = switch (transport) {
        case inprocess -> replica.inProcessEndpoint().orElseThrow();
        case inprocessgrpc -> replica.inProcessGrpcEndpoint().orElseThrow();
        case grpc -> "127.0.0.1:" + replica.clientPort();
      };
      ApiServer api = new ApiServer(ApiServerConfig.of(List.of(endpoint),
          dataDir.resolve("apiserver")).withPorts(0, 0)).start();
      return new ControlPlane(replica, api);
    } catch (RuntimeException e) {
      replica.close();
      throw e;
    }
  }

  String httpUrl() {
    return "http://127.0.0.1:" + apiServer.insecurePort();
  }

  @Override
  public void close() {
    apiServer.close();
    replica.close();
  }
}
