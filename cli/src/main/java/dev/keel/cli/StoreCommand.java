package dev.keel.cli;

import dev.keel.kvstore.raft.RaftSettings;
import dev.keel.kvstore.replica.PeerSpec;
import dev.keel.kvstore.replica.Replica;
import dev.keel.kvstore.replica.ReplicaConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keel store}: runs one replica of the store. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "Run one replica of the Keel store (etcd v3 API on the client port).")
final class StoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--id", required = true, description = "This member's id, e.g. n1.")
  String id;

  @Option(names = "--data-dir", defaultValue = "keel-data/store", description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--client-port", defaultValue = "7379", description = "etcd gRPC client port (default: ${DEFAULT-VALUE}).")
  int clientPort;

  @Option(names = "--peer-port", defaultValue = "7380", description = "Raft peer port (default: ${DEFAULT-VALUE}).")
  int peerPort;

  @Option(names = "--metrics-port", defaultValue = "0", description = "HTTP port of /metrics; 0 picks a free one, -1 turns it off (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--peers", split = ",", description = "The group, id=host:port with peer ports, e.g. n1=127.0.0.1:7380,n2=127.0.0.1:7390. Default: just this member.")
  List<String> peers;

  @Option(names = "--join", description = "Join an existing group (then add this member with etcdctl member add).")
  boolean join;

  @Option(names = "--snapshot-threshold", defaultValue = "10000", description = "Log entries between snapshots (default: ${DEFAULT-VALUE}).")
  long snapshotThreshold;

  @Override
  public Integer call() throws Exception {
    ReplicaConfig config = config();
    Replica replica;
    try {
      replica = new Replica(config).start();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    spec.commandLine().getOut().printf(
        "keel store %s: client 127.0.0.1:%d, peer %d, metrics %d, data %s%n",
        id, replica.clientPort(), peerPort, replica.metricsPort(), dataDir.toAbsolutePath());
    spec.commandLine().getOut().flush();
    // A member removed from the cluster (or whose add did not complete) stops and exits with 1.
    return Daemon.runUntilShutdown("store " + id, replica, replica.stopped());
  }

  ReplicaConfig config() {
    List<PeerSpec> group;
    try {
      group = peers == null || peers.isEmpty()
          ? List.of(new PeerSpec(id, host, peerPort))
          : peers.stream().map(PeerSpec::parse).toList();
      ReplicaConfig base = ReplicaConfig.of(id, dataDir, group);
      RaftSettings raft = base.raft();
      ReplicaConfig config = new ReplicaConfig(id, dataDir, group, host, clientPort, peerPort,
          metricsPort, base.clusterName(), join, raft, base.batching());
      return config.withRaft(raft.withSnapshots(snapshotThreshold, raft.purgePreservation(),
          raft.purgeGap()));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
