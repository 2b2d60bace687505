package dev.keel.kvstore.replica;

import dev.keel.kvstore.api.KvService;
import dev.keel.kvstore.api.MvccStore;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.grpc.EtcdGrpcServer;
import dev.keel.kvstore.grpc.EtcdGrpcServerConfig;
import dev.keel.kvstore.metrics.MetricsHttpServer;
import dev.keel.kvstore.metrics.MicrometerMetricRegistries;
import dev.keel.kvstore.mvcc.RocksMvccStore;
import dev.keel.kvstore.raft.KvStateMachine;
import dev.keel.kvstore.raft.RaftKvService;
import dev.keel.kvstore.raft.RaftKvServiceConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store replica: a RocksDB store under a Ratis state machine, the Ratis server, the
 * {@link RaftKvService}, and the /metrics endpoint (and the etcd gRPC front end when enabled).
 * {@link #start()} brings them up in order; {@link #close()} takes them down in reverse.
 */
public final class Replica implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Replica.class);
  /** How often the replica checks that its Raft division still runs. */
  private static final Duration DIVISION_CHECK = Duration.ofMillis(250);

  private final ReplicaConfig config;
  private final Clock clock;
  private final Deque<AutoCloseable> owned = new ConcurrentLinkedDeque<>();
  private PrometheusMeterRegistry meters;
  private RaftServer server;
  private RaftKvService service;
  private MetricsHttpServer metricsServer;
  private EtcdGrpcServer grpcServer;
  /** Completes with the reason when the replica stopped on its own (see {@link #stopped()}). */
  private final CompletableFuture<String> stopped = new CompletableFuture<>();
  /** The client port in use (a free one when configured as 0), -1 when disabled. */
  private int clientPort = -1;
  private boolean started;

  public Replica(ReplicaConfig config) {
    this(config, Clock.systemUTC());
  }

  public Replica(ReplicaConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** The Raft group id of a cluster name: stable, so every member and restart agrees. */
  public static RaftGroupId groupId(String clusterName) {
    return RaftGroupId.valueOf(
        UUID.nameUUIDFromBytes(("keel-cluster:" + clusterName).getBytes(StandardCharsets.UTF_8)));
  }

  /** Starts every part; on failure closes what was started and rethrows. */
  public synchronized Replica start() {
    if (started) {
      throw new IllegalStateException("replica " + config.memberId() + " already started");
    }
    started = true;
    try {
      startParts();
    } catch (RuntimeException | IOException e) {
      closeOwned();
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new UncheckedIOException("replica " + config.memberId() + " failed to start", (IOException) e);
    }
    LOG.info("replica {} started: peer {}:{}, data {}", config.memberId(), config.host(),
        config.peerPort(), config.dataDir());
    return this;
  }

  private void startParts() throws IOException {
    MemberFile.claim(config.dataDir(), config.memberId(), config.clusterName());
    checkPortFree("peer", config.peerPort());
    if (config.clientPort() > 0) {
      checkPortFree("client", config.clientPort());
      clientPort = config.clientPort();
    } else if (config.clientPort() == 0) {
      // chosen before the bind (the member's client URL goes into the service), so not from the ephemeral range
      clientPort = PeerPorts.pick(config.host());
    }
    meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    owned.push(meters::close);
    MicrometerMetricRegistries.attach(meters);
    owned.push(() -> MicrometerMetricRegistries.detach(meters));

    RaftGroup group = group();
    KvStateMachine stateMachine = new KvStateMachine(this::openStore, config.dataDir(), meters);
    server = RaftServer.newBuilder()
        .setServerId(RaftPeerId.valueOf(config.memberId()))
        .setGroup(config.join() ? RaftGroup.valueOf(group.getGroupId()) : group)
        .setStateMachine(stateMachine)
        .setProperties(dev.keel.kvstore.raft.RaftServers.properties(
            config.raft(), config.dataDir().resolve("raft"), config.host(), config.peerPort()))
        .setOption(RaftStorage.StartupOption.RECOVER)
        .build();
    owned.push(server::close);
    service = new RaftKvService(server, group, stateMachine, config.raft(), serviceConfig(), clock);
    owned.push(service::close);
    server.start();
    registerGauges(group.getGroupId(), stateMachine);

    if (clientPort > 0) {
      grpcServer = new EtcdGrpcServer(EtcdGrpcServerConfig.of(config.host(), clientPort), service);
      owned.push(grpcServer::close);
      grpcServer.start();
    }
    if (config.metricsPort() >= 0) {
      metricsServer = new MetricsHttpServer(config.host(), config.metricsPort(), meters);
      owned.push(metricsServer::close);
    }
    DivisionWatch watch = new DivisionWatch(server, group.getGroupId(), stateMachine::shutDownByRaft,
        DIVISION_CHECK, this::stopOnItsOwn);
    owned.push(watch::close);
  }

  /**
   * The division closed under a running replica: say why, close everything and complete
   * {@link #stopped()}. On a thread of its own, since closing the replica closes the watch that
   * calls this.
   */
  private void stopOnItsOwn(String reason) {
    LOG.error("replica {} stops: {}", config.memberId(), reason);
    Thread closer = new Thread(() -> {
      try {
        close();
      } finally {
        stopped.complete(reason);
      }
    }, "replica-stop-" + config.memberId());
    closer.setDaemon(true);
    closer.start();
  }

  /**
   * Completes, with the reason, once this replica has stopped on its own: its Raft division closed
   * because the member is no longer in the group (removed, or an add that did not complete), or
   * because applying the log failed. The replica is closed by then; a process running it should
   * exit with an error. Never completes through {@link #close()}.
   */
  public CompletableFuture<String> stopped() {
    return stopped;
  }

  private MvccStore openStore(java.nio.file.Path dbDir) {
    return RocksMvccStore.open(StoreConfig.of(dbDir).withDisableWal(true));
  }

  private RaftGroup group() {
    List<RaftPeer> peers = new ArrayList<>();
    for (PeerSpec p : config.peers()) {
      peers.add(RaftPeer.newBuilder().setId(p.id()).setAddress(p.address()).build());
    }
    return RaftGroup.valueOf(groupId(config.clusterName()), peers);
  }

  private RaftKvServiceConfig serviceConfig() {
    Map<String, String> clientUrls = new LinkedHashMap<>();
    if (clientPort > 0) {
      clientUrls.put(config.memberId(), "http://" + config.host() + ":" + clientPort);
    }
    return RaftKvServiceConfig.defaults(config.raft())
        .withBatching(config.batching())
        .withClientUrls(clientUrls);
  }

  private void registerGauges(RaftGroupId groupId, KvStateMachine stateMachine) {
    Gauge.builder("keel.raft.commit.index", server, s -> division(s, groupId)
            .map(d -> (double) d.getRaftLog().getLastCommittedIndex()).orElse(Double.NaN))
        .description("last committed Raft log index").register(meters);
    Gauge.builder("keel.raft.applied.index", server, s -> division(s, groupId)
            .map(d -> (double) d.getInfo().getLastAppliedIndex()).orElse(Double.NaN))
        .description("last applied Raft log index").register(meters);
    Gauge.builder("keel.raft.term", server, s -> division(s, groupId)
            .map(d -> (double) d.getInfo().getCurrentTerm()).orElse(Double.NaN))
        .description("current Raft term").register(meters);
    Gauge.builder("keel.store.size", stateMachine, sm -> sm.storeSizeOnDisk())
        .baseUnit("bytes").description("RocksDB files on disk").register(meters);
  }

  private static java.util.Optional<RaftServer.Division> division(RaftServer s, RaftGroupId id) {
    try {
      return java.util.Optional.of(s.getDivision(id));
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private void checkPortFree(String what, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(config.host(), port));
    } catch (IOException e) {
      throw new IllegalStateException(what + " port " + config.host() + ":" + port
          + " of member " + config.memberId() + " is not available: " + e.getMessage(), e);
    }
  }

  /** The etcd gRPC port, or -1 when the front end is disabled. */
  public int clientPort() {
    return grpcServer == null ? -1 : grpcServer.port();
  }

  /**
   * The endpoint under which a {@code KvClient} in this JVM reaches this replica's etcd API
   * in-process (no socket, no protobuf encoding), when it has a client port.
   */
  public Optional<String> inProcessEndpoint() {
    return grpcServer == null ? Optional.empty() : Optional.of(grpcServer.inProcessEndpoint());
  }

  /**
   * The same server through grpc-java's in-process transport ({@code inprocess-grpc:...}), to
   * compare with the direct calls of {@link #inProcessEndpoint()}; empty without a client port.
   */
  public Optional<String> inProcessGrpcEndpoint() {
    return grpcServer == null ? Optional.empty() : Optional.of(grpcServer.inProcessGrpcEndpoint());
  }

  public ReplicaConfig config() {
    return config;
  }

  /** The replica's store service (the etcd front end's seam). */
  public RaftKvService service() {
    if (service == null) {
      throw new IllegalStateException("replica " + config.memberId() + " is not started");
    }
    return service;
  }

  /** The KvService view, for code that needs only the interface. */
  public KvService kv() {
    return service();
  }

  public RaftServer raftServer() {
    return server;
  }

  public PrometheusMeterRegistry meters() {
    return meters;
  }

  /** Port of /metrics, or -1 when disabled. */
  public int metricsPort() {
    return metricsServer == null ? -1 : metricsServer.port();
  }

  @Override
  public synchronized void close() {
    closeOwned();
  }

  private void closeOwned() {
    AutoCloseable next;
    while ((next = owned.poll()) != null) {
      try {
        next.close();
      } catch (Exception e) {
        LOG.warn("replica {}: closing {} failed: {}", config.memberId(), next, e.toString());
      }
    }
  }
}
