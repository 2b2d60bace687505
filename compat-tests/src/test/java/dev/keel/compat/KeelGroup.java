package dev.keel.compat;

import dev.keel.kvstore.raft.RaftSettings;
import dev.keel.kvstore.replica.PeerSpec;
import dev.keel.kvstore.replica.Replica;
import dev.keel.kvstore.replica.ReplicaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Three real Keel replicas on loopback with their etcd client ports, for client tests. */
final class KeelGroup implements AutoCloseable {
  private static final Duration LEADER_WAIT = Duration.ofSeconds(20);

  private final List<Replica> replicas = new ArrayList<>();

  static KeelGroup start(Path base, int size) {
    List<PeerSpec> peers = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      peers.add(new PeerSpec("n" + i, "127.0.0.1", freePort()));
    }
    RaftSettings raft = RaftSettings.defaults()
        .withElectionTimeouts(Duration.ofMillis(300), Duration.ofMillis(600));
    KeelGroup group = new KeelGroup();
    try {
      for (PeerSpec peer : peers) {
        group.replicas.add(new Replica(ReplicaConfig.of(peer.id(), base.resolve(peer.id()), peers)
            .withRaft(raft).withClientPort(0)).start());
      }
      long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
      while (group.replicas.stream().noneMatch(r -> r.service().isLeader())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no leader within " + LEADER_WAIT);
        }
        Thread.sleep(20); // polling a condition that has no event to wait on
      }
    } catch (RuntimeException | InterruptedException | AssertionError e) {
      group.close();
      throw new IllegalStateException("Keel group did not start", e);
    }
    return group;
  }

  /** "http://127.0.0.1:port" of every replica, as jetcd wants them. */
  String[] urls() {
    return replicas.stream().map(r -> "http://127.0.0.1:" + r.clientPort()).toArray(String[]::new);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (int i = replicas.size() - 1; i >= 0; i--) {
      replicas.get(i).close();
    }
    replicas.clear();
  }
}
