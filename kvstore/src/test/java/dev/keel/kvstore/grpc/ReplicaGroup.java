package dev.keel.kvstore.grpc;

import dev.keel.kvstore.raft.RaftSettings;
import dev.keel.kvstore.replica.PeerPorts;
import dev.keel.kvstore.replica.PeerSpec;
import dev.keel.kvstore.replica.Replica;
import dev.keel.kvstore.replica.ReplicaConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** N real replicas (Ratis + RocksDB + the etcd gRPC front end) on loopback, for API tests. */
public final class ReplicaGroup implements AutoCloseable {
  private static final Duration LEADER_WAIT = Duration.ofSeconds(20);

  private final List<Replica> replicas = new ArrayList<>();

  private ReplicaGroup() {}

  public static ReplicaGroup start(Path base, int size) {
    List<PeerSpec> peers = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      peers.add(new PeerSpec("n" + i, "127.0.0.1", PeerPorts.pick("127.0.0.1")));
    }
    RaftSettings raft = RaftSettings.defaults()
        .withElectionTimeouts(Duration.ofMillis(300), Duration.ofMillis(600));
    ReplicaGroup group = new ReplicaGroup();
    try {
      for (PeerSpec peer : peers) {
        group.replicas.add(new Replica(ReplicaConfig.of(peer.id(), base.resolve(peer.id()), peers)
            .withRaft(raft).withClientPort(0)).start());
      }
      group.awaitLeader();
    } catch (RuntimeException e) {
      group.close();
      throw e;
    }
    return group;
  }

  private void awaitLeader() {
    long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
    while (replicas.stream().noneMatch(r -> r.service().isLeader())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no leader within " + LEADER_WAIT);
      }
      try {
        Thread.sleep(20); // polling a condition that has no event to wait on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  public List<Replica> replicas() {
    return List.copyOf(replicas);
  }

  /** "127.0.0.1:port" of every replica's client port, in member order. */
  public List<String> endpoints() {
    return replicas.stream().map(r -> "127.0.0.1:" + r.clientPort()).toList();
  }

  public Replica leader() {
    awaitLeader();
    return replicas.stream().filter(r -> r.service().isLeader()).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    for (int i = replicas.size() - 1; i >= 0; i--) {
      replicas.get(i).close();
    }
    replicas.clear();
  }
}
