package dev.keel.kvstore.replica;

import dev.keel.kvstore.raft.RaftSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** An in-process group of replicas on loopback with free ports, for tests. */
final class TestCluster implements AutoCloseable {

  static final RaftSettings FAST = RaftSettings.defaults()
      .withElectionTimeouts(Duration.ofMillis(300), Duration.ofMillis(600));
  static final Duration WAIT = Duration.ofSeconds(15);

  private final Path base;
  private final UnaryOperator<ReplicaConfig> tweak;
  private final Clock clock;
  private final List<PeerSpec> peers = new ArrayList<>();
  private final Map<String, Replica> running = new LinkedHashMap<>();

  private TestCluster(Path base, UnaryOperator<ReplicaConfig> tweak, Clock clock) {
    this.base = base;
    this.tweak = tweak;
    this.clock = clock;
  }

  static TestCluster start(Path base, int size) {
    return start(base, size, UnaryOperator.identity());
  }

  static TestCluster start(Path base, int size, UnaryOperator<ReplicaConfig> tweak) {
    return start(base, size, tweak, Clock.systemUTC());
  }

  static TestCluster start(Path base, int size, UnaryOperator<ReplicaConfig> tweak, Clock clock) {
    TestCluster cluster = new TestCluster(base, tweak, clock);
    for (int i = 1; i <= size; i++) {
      cluster.peers.add(new PeerSpec("n" + i, "127.0.0.1", PeerPorts.pick("127.0.0.1")));
    }
    try {
      for (PeerSpec p : cluster.peers) {
        cluster.startMember(p.id());
      }
      cluster.leader();
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  ReplicaConfig config(String id) {
    return tweak.apply(ReplicaConfig.of(id, base.resolve(id), peers).withRaft(FAST));
  }

  List<PeerSpec> peers() {
    return peers;
  }

  Replica startMember(String id) {
    Replica replica = new Replica(config(id), clock).start();
    running.put(id, replica);
    return replica;
  }

  /** Starts a new member that joins the group (it must then be added with MemberAdd). */
  Replica startJoining(String id) {
    int port = PeerPorts.pick("127.0.0.1");
    ReplicaConfig config = tweak.apply(
        ReplicaConfig.joining(id, base.resolve(id), peers, port).withRaft(FAST));
    peers.add(new PeerSpec(id, "127.0.0.1", port));
    Replica replica = new Replica(config, clock).start();
    running.put(id, replica);
    return replica;
  }

  void stop(String id) {
    Replica r = running.remove(id);
    if (r != null) {
      r.close();
    }
  }

  Replica get(String id) {
    return running.get(id);
  }

  List<Replica> replicas() {
    return List.copyOf(running.values());
  }

  Optional<Replica> currentLeader() {
    return running.values().stream().filter(r -> r.service().isLeader()).findFirst();
  }

  /** Waits (bounded) for a ready leader among the running replicas. */
  Replica leader() {
    Awaits.until(WAIT, "a leader among " + running.keySet(), () -> currentLeader().isPresent());
    return currentLeader().orElseThrow();
  }

  Replica follower() {
    Replica leader = leader();
    return running.values().stream().filter(r -> r != leader).findFirst().orElseThrow();
  }

  /** Closes every replica at once (Ratis takes about a second to close one server). */
  @Override
  public void close() {
    List<Replica> all = new ArrayList<>(running.values());
    running.clear();
    List<Thread> closers = new ArrayList<>();
    for (Replica r : all) {
      Thread t = new Thread(r::close, "close-" + r.config().memberId());
      t.start();
      closers.add(t);
    }
    for (Thread t : closers) {
      try {
        t.join(WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
