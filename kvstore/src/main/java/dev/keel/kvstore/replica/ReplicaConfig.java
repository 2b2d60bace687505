package dev.keel.kvstore.replica;

import dev.keel.kvstore.raft.BatchingConfig;
import dev.keel.kvstore.raft.RaftSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * Configuration of one store replica.
 *
 * @param memberId this replica's peer id; must appear in {@code peers} unless joining
 * @param dataDir holds {@code member} (the owner's id), {@code raft/} (Ratis log and snapshots)
 *     and {@code db-<n>/} (the live database)
 * @param peers the initial group, {@code id=host:port} with the peer port (ignored for an
 *     existing data dir: Ratis recovers its configuration)
 * @param host address the client, peer and metrics ports bind to (default 127.0.0.1)
 * @param clientPort etcd gRPC port (default 7379); 0 picks a free port, -1 disables it
 * @param peerPort Raft port; must equal this member's port in {@code peers} when listed
 * @param metricsPort HTTP port of /metrics; 0 picks a free port, -1 disables it
 * @param clusterName names the Raft group (its id is derived from it; default "keel")
 * @param join start without a group configuration and wait to be added by
 *     {@code MemberAdd} on the existing members (Ratis' way to grow a group)
 * @param raft Ratis tuning: election timeouts, snapshot threshold
 * @param batching how concurrent writes are coalesced into log entries
 */
public record ReplicaConfig(
    String memberId,
    Path dataDir,
    List<PeerSpec> peers,
    String host,
    int clientPort,
    int peerPort,
    int metricsPort,
    String clusterName,
    boolean join,
    RaftSettings raft,
    BatchingConfig batching) {

  public static final int DEFAULT_CLIENT_PORT = 7379;
  public static final int DEFAULT_PEER_PORT = 7380;

  public ReplicaConfig {
    peers = List.copyOf(peers);
    if (memberId == null || memberId.isBlank()) {
      throw new IllegalArgumentException("memberId must be set");
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("dataDir must be set");
    }
    if (!join && peers.stream().noneMatch(p -> p.id().equals(memberId))) {
      throw new IllegalArgumentException("member " + memberId + " is not in the peer list " + peers
          + " (use join to add a new member to an existing group)");
    }
    peers.stream().filter(p -> p.id().equals(memberId)).findFirst().ifPresent(self -> {
      if (self.port() != peerPort) {
        throw new IllegalArgumentException("peer port " + peerPort + " of member " + memberId
            + " differs from its entry " + self);
      }
    });
    if (peers.stream().map(PeerSpec::id).distinct().count() != peers.size()) {
      throw new IllegalArgumentException("peer ids must be unique, got " + peers);
    }
    checkPort("clientPort", clientPort);
    checkPort("metricsPort", metricsPort);
    if (peerPort < 1 || peerPort > 65535) {
      throw new IllegalArgumentException("peerPort must be 1..65535, got " + peerPort);
    }
  }

  private static void checkPort(String name, int port) {
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be -1 (off), 0 (any) or 1..65535, got " + port);
    }
  }

  /** A replica of a group with the given peers, defaults elsewhere, client and metrics off. */
  public static ReplicaConfig of(String memberId, Path dataDir, List<PeerSpec> peers) {
    int peerPort = peers.stream().filter(p -> p.id().equals(memberId)).findFirst()
        .map(PeerSpec::port).orElse(DEFAULT_PEER_PORT);
    return new ReplicaConfig(memberId, dataDir, peers, "127.0.0.1", -1, peerPort, -1, "keel",
        false, RaftSettings.defaults(), BatchingConfig.defaults());
  }

  /**
   * A new member that joins the group of {@code existing} peers on {@code peerPort}; it serves
   * once a member of the group has added it (MemberAdd with its peer URL).
   */
  public static ReplicaConfig joining(String memberId, Path dataDir, List<PeerSpec> existing,
      int peerPort) {
    return new ReplicaConfig(memberId, dataDir, existing, "127.0.0.1", -1, peerPort, -1, "keel",
        true, RaftSettings.defaults(), BatchingConfig.defaults());
  }

  public ReplicaConfig withRaft(RaftSettings settings) {
    return new ReplicaConfig(memberId, dataDir, peers, host, clientPort, peerPort, metricsPort,
        clusterName, join, settings, batching);
  }

  public ReplicaConfig withClientPort(int port) {
    return new ReplicaConfig(memberId, dataDir, peers, host, port, peerPort, metricsPort,
        clusterName, join, raft, batching);
  }

  public ReplicaConfig withMetricsPort(int port) {
    return new ReplicaConfig(memberId, dataDir, peers, host, clientPort, peerPort, port,
        clusterName, join, raft, batching);
  }

}
