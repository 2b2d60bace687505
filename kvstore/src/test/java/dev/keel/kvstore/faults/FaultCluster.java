package dev.keel.kvstore.faults;

import dev.keel.kvstore.proto.StatusResponse;
import dev.keel.kvstore.replica.PeerPorts;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store cluster of replica child JVMs on loopback for fault tests: each member has its own data
 * dir, free client and peer ports, and its peer traffic goes through the {@link Network}'s link
 * proxies. Clients talk to the real client ports ({@link #clientEndpoints()}).
 *
 * <p>Every child process is SIGKILLed by {@link #close()}, and by a JVM shutdown hook if the test
 * JVM exits first; a child also exits when its standard input (a pipe from this JVM) ends.
 * Methods are called by one thread at a time (the test, or its nemesis), except {@link #close()}.
 */
final class FaultCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FaultCluster.class);

  private final FaultClusterConfig config;
  private final List<String> members = new ArrayList<>();
  private final Map<String, Integer> clientPorts = new LinkedHashMap<>();
  private final Map<String, Integer> peerPorts = new LinkedHashMap<>();
  private final Map<String, ReplicaProcess> processes = new LinkedHashMap<>();
  private final Map<String, ManagedChannel> channels = new LinkedHashMap<>();
  /** Members taken out of the group by {@link #removeMember}, until {@link #rejoin}. */
  private final Set<String> removed = new TreeSet<>();
  private final Network network;
  private final MemberProbe probe;
  private final Thread reaper = new Thread(this::killAll, "fault-cluster-reaper");

  private FaultCluster(FaultClusterConfig config) {
    this.config = config;
    for (int i = 1; i <= config.size(); i++) {
      members.add("n" + i);
    }
    List<Integer> ports = freePorts(2 * config.size());
    for (int i = 0; i < members.size(); i++) {
      clientPorts.put(members.get(i), ports.get(2 * i));
      peerPorts.put(members.get(i), ports.get(2 * i + 1));
    }
    network = new Network(peerPorts);
    probe = new MemberProbe(members, channels, this::state);
  }

  /** Starts every member and waits (bounded) for a leader; on failure nothing is left running. */
  static FaultCluster start(FaultClusterConfig config) {
    FaultCluster cluster = new FaultCluster(config);
    try {
      Runtime.getRuntime().addShutdownHook(cluster.reaper);
      Files.createDirectories(config.baseDir());
      for (String id : cluster.members) {
        Files.createDirectories(cluster.dataDir(id));
        cluster.network.writeHostsFile(id, config.baseDir());
        cluster.processes.put(id, new ReplicaProcess(id, config.baseDir().resolve(id + ".log")));
        cluster.channels.put(id, NettyChannelBuilder
            .forAddress("127.0.0.1", cluster.clientPorts.get(id)).usePlaintext().build());
      }
      for (String id : cluster.members) {
        cluster.processes.get(id).start(cluster.command(id, false));
      }
      cluster.awaitLeader();
      return cluster;
    } catch (IOException e) {
      cluster.close();
      throw new UncheckedIOException("cannot prepare " + config.baseDir(), e);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Client and peer ports of the child replicas, chosen below the ephemeral range (see {@link PeerPorts}). */
  private static List<Integer> freePorts(int count) {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ports.add(PeerPorts.pick("127.0.0.1"));
    }
    return ports;
  }


  private Path dataDir(String id) {
    return config.baseDir().resolve("data-" + id);
  }

  private List<String> command(String id, boolean join) {
    String peers = members.stream()
        .map(m -> m + "=" + Network.hostName(m) + ":" + peerPorts.get(m))
        .collect(Collectors.joining(","));
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + config.maxHeap(), "-Xms" + config.maxHeap(), "-Xss512k", "-XX:MetaspaceSize=128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Djdk.net.hosts.file=" + config.baseDir().resolve("hosts-" + id).toAbsolutePath(),
        // Ratis logs at WARN in tests; a member's log keeps its division's lifecycle, role and configuration
        // changes, and its elections (a division that closes says why only at INFO). RaftServerImpl logs
        // through the logger of RaftServer.Division.
        "-Dorg.slf4j.simpleLogger.log.org.apache.ratis.server.RaftServer$Division=info",
        "-Dorg.slf4j.simpleLogger.log.org.apache.ratis.server.impl.LeaderElection=info",
        "-cp", System.getProperty("java.class.path"),
        ReplicaMain.class.getName(),
        "id=" + id,
        "data-dir=" + dataDir(id).toAbsolutePath(),
        "client-port=" + clientPorts.get(id),
        "peer-port=" + peerPorts.get(id),
        "peers=" + peers,
        "join=" + join,
        "election-min-ms=" + config.electionMin().toMillis(),
        "election-max-ms=" + config.electionMax().toMillis(),
        "snapshot-threshold=" + config.snapshotThreshold(),
        "purge-preservation=" + config.purgePreservation(),
        "segment-bytes=" + config.segmentBytes()));
    return cmd;
  }

  List<String> members() {
    return List.copyOf(members);
  }

  Network network() {
    return network;
  }

  FaultClusterConfig config() {
    return config;
  }

  String clientEndpoint(String id) {
    return "127.0.0.1:" + clientPorts.get(id);
  }

  List<String> clientEndpoints() {
    return members.stream().map(this::clientEndpoint).toList();
  }

  ReplicaProcess.State state(String id) {
    return process(id).state();
  }

  Set<String> removedMembers() {
    return Set.copyOf(removed);
  }

  private ReplicaProcess process(String id) {
    ReplicaProcess p = processes.get(id);
    if (p == null) {
      throw new IllegalArgumentException("unknown member " + id + "; members are " + members);
    }
    return p;
  }

  // ---- processes ----

  void kill(String id) {
    process(id).kill();
    LOG.info("member {} killed", id);
  }

  /** Starts a killed member again on its data dir. */
  void restart(String id) {
    ReplicaProcess p = process(id);
    if (p.state() == ReplicaProcess.State.DEAD) {
      p.start(command(id, false));
    }
  }

  void pause(String id) {
    process(id).pause();
    LOG.info("member {} paused", id);
  }

  void resume(String id) {
    process(id).resume();
  }

  /** SIGKILLs every member at once (safe from any thread, also from the shutdown hook). */
  void killAll() {
    List<Thread> killers = new ArrayList<>();
    for (ReplicaProcess p : new ArrayList<>(processes.values())) {
      Thread t = new Thread(p::kill, "kill-" + p.id());
      t.start();
      killers.add(t);
    }
    for (Thread t : killers) {
      try {
        t.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts every dead member again. */
  void restartAll() {
    for (String id : members) {
      if (!removed.contains(id)) {
        restart(id);
      }
    }
  }

  /** Heals the network, resumes, restarts and re-adds every member, then waits until healthy. */
  void healEverything() {
    network.healAll();
    for (String id : members) {
      if (state(id) == ReplicaProcess.State.PAUSED) {
        resume(id);
      }
    }
    restartAll();
    for (String id : List.copyOf(removed)) {
      rejoin(id);
    }
    awaitHealthy();
  }

  // ---- status ----

  /** Status of one member, if it runs and answers in time. */
  Optional<StatusResponse> status(String id) {
    return probe.status(id);
  }

  /** The member that calls itself leader with the highest term, if any answers. */
  Optional<String> leader() {
    return probe.leader();
  }

  /** Waits (bounded) for a member that calls itself leader, and returns it. */
  String awaitLeader() {
    String[] found = {null};
    await("a leader among " + members, () -> {
      found[0] = leader().orElse(null);
      return found[0] != null;
    });
    return found[0];
  }

  /**
   * Waits (bounded) until every member runs, is in the group and follows one leader in one term,
   * and then until every member has applied what that leader had committed at that point (writes
   * may go on meanwhile: the target does not move).
   */
  void awaitHealthy() {
    long[] target = {-1};
    await("a healthy cluster (all members in the group, following one leader)", () -> {
      target[0] = probe.agreedCommitIndex();
      return target[0] >= 0;
    });
    await("every member applying up to index " + target[0], () -> members.stream()
        .allMatch(id -> status(id).map(s -> s.getRaftAppliedIndex() >= target[0]).orElse(false)));
  }

  /** One line per member: process state and what its Status says. */
  String describe() {
    StringBuilder out = new StringBuilder();
    for (String id : members) {
      out.append(id).append(": ").append(state(id));
      status(id).ifPresent(s -> out.append(", leader ").append(probe.name(s.getLeader()))
          .append(", term ").append(s.getRaftTerm()).append(", commit ").append(s.getRaftIndex())
          .append(", applied ").append(s.getRaftAppliedIndex()));
      out.append('\n');
    }
    out.append("cut links: ").append(network.cutLinks());
    if (!removed.isEmpty()) {
      out.append(", removed: ").append(removed);
    }
    return out.toString();
  }

  // ---- membership ----

  /** Removes {@code id} from the group through the leader, then stops it and wipes its data dir. */
  void removeMember(String id) {
    String leader = awaitLeader();
    try {
      probe.removeMember(leader, id, config.waitTimeout().toMillis() / 4);
    } catch (StatusRuntimeException e) {
      // maybe done anyway: the member list decides below
      LOG.info("member remove of {} via {} failed: {}", id, leader, e.getStatus());
    }
    await("member " + id + " out of the group", () -> {
      Optional<String> l = leader();
      try {
        return l.isPresent() && !probe.groupMembers(l.get()).contains(id);
      } catch (StatusRuntimeException e) {
        return false;
      }
    });
    removed.add(id);
    process(id).kill();
    deleteTree(dataDir(id));
    LOG.info("member {} removed from the group and wiped", id);
  }

  /**
   * Starts a removed member on an empty data dir and adds it back (retried, bounded); returns once
   * the leader lists it and it answers.
   *
   * <p>A member stops on its own when Raft shut its division down: an add that did not complete
   * (say its leader stepped down during the catch-up) can leave it running outside the
   * configuration, and its election timer then ends it ({@code Replica#stopped}). So before every
   * attempt: a member out of the group whose process is gone starts again on an empty data dir,
   * and the add is asked for only once it answers. A member the leader lists whose process is gone
   * is a voter: it starts again on its own data.
   */
  void rejoin(String id) {
    if (!removed.contains(id)) {
      return;
    }
    String url = "http://" + id + "@" + Network.hostName(id) + ":" + peerPorts.get(id);
    await("member " + id + " back in the group", () -> {
      Optional<String> leader = leader();
      if (leader.isEmpty()) {
        return false;
      }
      try {
        boolean listed = probe.groupMembers(leader.get()).contains(id);
        if (state(id) == ReplicaProcess.State.DEAD) {
          if (!listed) {
            deleteTree(dataDir(id));
            Files.createDirectories(dataDir(id));
          }
          process(id).start(command(id, true));
          LOG.info("member {} started {} to be added back", id, listed ? "on its data" : "on an empty data dir");
          return false;
        }
        if (status(id).isEmpty()) {
          return false; // not serving yet, or stopping
        }
        if (listed) {
          return true;
        }
        probe.addMember(leader.get(), url, config.waitTimeout().toMillis() / 2);
        return false; // the next round checks that the leader lists it
      } catch (StatusRuntimeException e) {
        LOG.info("member add of {} via {} failed: {}", id, leader.get(), e.getStatus());
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    removed.remove(id);
    LOG.info("member {} added back", id);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot wipe " + dir, e);
    }
  }

  // ---- waiting and closing ----

  /** Polls {@code condition} every 200 ms until it holds or the wait timeout passes. */
  void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + config.waitTimeout().toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up after " + config.waitTimeout().toSeconds()
            + " s waiting for " + what + "; cluster:\n" + describe());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Kills every member, closes the proxies and channels; the data stays in the base dir. */
  @Override
  public void close() {
    killAll();
    network.close();
    for (ManagedChannel c : channels.values()) {
      c.shutdownNow();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // shutting down already, or never registered
    }
  }
}
