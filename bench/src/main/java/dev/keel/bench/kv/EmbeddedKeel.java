package dev.keel.bench.kv;

import dev.keel.apiserver.ApiServer;
import dev.keel.apiserver.ApiServerConfig;
import dev.keel.kvstore.replica.PeerPorts;
import dev.keel.kvstore.replica.PeerSpec;
import dev.keel.kvstore.replica.Replica;
import dev.keel.kvstore.replica.ReplicaConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Keel in the bench process for {@code keel-bench api}: N store replicas (Ratis + RocksDB) and an apiserver
 * with a plain HTTP port, all on loopback ports the system picks. Closed in reverse order.
 */
final class EmbeddedKeel implements AutoCloseable {
  private static final Duration LEADER_WAIT = Duration.ofSeconds(30);

  private final List<Replica> replicas = new ArrayList<>();
  private ApiServer apiserver;

  static EmbeddedKeel start(Path dir, int size) {
    EmbeddedKeel k = new EmbeddedKeel();
    try {
      List<PeerSpec> peers = new ArrayList<>();
      for (int i = 1; i <= size; i++) {
        peers.add(new PeerSpec("n" + i, "127.0.0.1", PeerPorts.pick("127.0.0.1")));
      }
      for (PeerSpec p : peers) {
        k.replicas.add(new Replica(ReplicaConfig.of(p.id(), dir.resolve("store-" + p.id()), peers)
            .withClientPort(0)).start());
      }
      k.awaitLeader();
      List<String> endpoints = k.replicas.stream().map(r -> "127.0.0.1:" + r.clientPort()).toList();
      k.apiserver = new ApiServer(ApiServerConfig.of(endpoints, dir.resolve("apiserver")).withPorts(-1, 0))
          .start();
      return k;
    } catch (RuntimeException e) {
      k.close();
      throw e;
    }
  }

  /** {@code http://127.0.0.1:port} of the apiserver. */
  String url() {
    return "http://127.0.0.1:" + apiserver.insecurePort();
  }

  private void awaitLeader() {
    long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
    while (replicas.stream().noneMatch(r -> r.service().isLeader())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no store leader within " + LEADER_WAIT);
      }
      try {
        Thread.sleep(20); // polling a condition that has no event to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    if (apiserver != null) {
      apiserver.close();
    }
    for (int i = replicas.size() - 1; i >= 0; i--) {
      replicas.get(i).close();
    }
  }
}
