package dev.keel.cli.up;

import dev.keel.api.client.ClientConfig;
import dev.keel.api.client.KubeClient;
import dev.keel.apiserver.ApiServer;
import dev.keel.apiserver.ApiServerConfig;
import dev.keel.apiserver.kubeconfig.Kubeconfig;
import dev.keel.controllers.manager.ControllerManager;
import dev.keel.controllers.manager.ControllerManagerConfig;
import dev.keel.controllers.scheduler.daemon.KeelScheduler;
import dev.keel.controllers.scheduler.daemon.KeelSchedulerConfig;
import dev.keel.kvstore.replica.PeerSpec;
import dev.keel.kvstore.replica.Replica;
import dev.keel.kvstore.replica.ReplicaConfig;
import dev.keel.node.NodeAgent;
import dev.keel.node.NodeAgentConfig;
import dev.keel.node.runtime.RuntimeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything on loopback in one process: the replicated store, the apiserver, the controller-manager, the scheduler
 * and one node agent with the process runtime (pods are real processes, each with its own loopback address from the
 * node's pod CIDR). Ports chosen on the first start are kept in the data directory and reused, so a restart from the
 * same data comes back at the same addresses. {@link #close()} stops the pods' processes, then every component in
 * reverse order of start.
 */
public final class KeelUp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeelUp.class);
  private static final Duration CONTAINER_STOP_GRACE = Duration.ofSeconds(10);

  private final UpConfig config;
  private final List<AutoCloseable> started = new ArrayList<>();
  private final List<String> storeEndpoints = new ArrayList<>();
  /** The same replicas, reached in-process by the apiserver of this JVM. */
  private final List<String> localStoreEndpoints = new ArrayList<>();
  private ApiServer apiServer;
  private KubeClient nodeClient;
  private NodeAgent agent;
  private ControllerManager controllerManager;
  private KeelScheduler scheduler;
  private Path kubeconfig;

  public KeelUp(UpConfig config) {
    this.config = config;
  }

  /** Starts every component; on a failure stops what was started and rethrows. */
  public synchronized KeelUp start() {
    try {
      UpPorts ports = ports();
      startStore(ports);
      apiServer = new ApiServer(ApiServerConfig.of(localStoreEndpoints, config.dataDir().resolve("apiserver"))
          .withPorts(ports.apiPort(), -1)).start();
      started.add(apiServer);
      kubeconfig = writeKubeconfig();
      ClientConfig client = dev.keel.api.client.Kubeconfig.load(kubeconfig);

      ControllerManagerConfig cm = ControllerManagerConfig.of(client, "keel-up");
      cm = cm.withLeaderElection(false, cm.leaderElection())
          .withMetrics("127.0.0.1", 0)
          .withNodeLifecycle(cm.nodeLifecycle().withGracePeriod(config.nodeMonitorGracePeriod())
              .withPodEvictionTimeout(config.podEvictionTimeout()));
      controllerManager = new ControllerManager(cm).start();
      started.add(controllerManager);

      scheduler = new KeelScheduler(KeelSchedulerConfig.of(client).withLeaderElect(false)
          .withMetrics("127.0.0.1", 0)).start();
      started.add(scheduler);

      if (config.node()) {
        nodeClient = KubeClient.create(client);
        started.add(nodeClient);
        NodeAgentConfig nc = NodeAgentConfig.of(config.nodeName(), RuntimeKind.PROCESS,
            config.dataDir().resolve("node"));
        agent = new NodeAgent(nodeConfig(nc), nodeClient).start();
        started.add(agent);
      }
      return this;
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * The node agent's settings for {@code keel up}: any free agent port (shown by {@link #agentPort}), pod addresses
   * from the pod CIDR, the service proxy (on by default for the process runtime), and a Lease as long as the node
   * monitor grace period (renewed every quarter of it), so that a shortened grace period does not make the node
   * miss heartbeats it is not due to send.
   */
  private NodeAgentConfig nodeConfig(NodeAgentConfig defaults) {
    return defaults.withPort(0).withPodCidr(config.podCidr()).withLeaseDuration(config.nodeMonitorGracePeriod());
  }

  private UpPorts ports() {
    Optional<UpPorts> earlier = UpPorts.load(config.dataDir());
    if (earlier.isPresent()) {
      UpPorts p = earlier.get();
      if (p.clientPorts().size() != config.replicas()) {
        throw new IllegalArgumentException("--replicas " + config.replicas() + " does not match the "
            + p.clientPorts().size() + " store replica(s) already in " + config.dataDir()
            + "; use that count or another --data-dir");
      }
      List<String> busy = p.busy();
      if (!busy.isEmpty()) {
        throw new IllegalStateException("keel up in " + config.dataDir() + " uses the same ports again, but "
            + String.join(", ", busy) + " are taken: is another keel up running on this data dir?");
      }
      return p;
    }
    UpPorts p = UpPorts.choose(config.replicas(), config.storePort(), config.apiPort());
    p.save(config.dataDir());
    return p;
  }

  private void startStore(UpPorts ports) {
    List<PeerSpec> peers = new ArrayList<>();
    for (int i = 0; i < config.replicas(); i++) {
      peers.add(new PeerSpec("n" + (i + 1), "127.0.0.1", ports.clientPorts().get(i) + 1));
    }
    for (int i = 0; i < config.replicas(); i++) {
      PeerSpec self = peers.get(i);
      Replica replica = new Replica(ReplicaConfig.of(self.id(), config.dataDir().resolve("store").resolve(self.id()),
          peers).withClientPort(ports.clientPorts().get(i)).withMetricsPort(0)).start();
      started.add(replica);
      storeEndpoints.add("127.0.0.1:" + replica.clientPort());
      localStoreEndpoints.add(replica.inProcessEndpoint().orElseThrow());
    }
  }

  private Path writeKubeconfig() throws IOException {
    Path file = config.dataDir().resolve("kubeconfig");
    Path apiData = config.dataDir().resolve("apiserver");
    Kubeconfig.write(file, Kubeconfig.forDataDir(apiData, apiData.resolve("tokens.csv"),
        "https://127.0.0.1:" + apiServer.securePort()));
    return file;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public List<String> storeEndpoints() {
    return List.copyOf(storeEndpoints);
  }

  public int apiPort() {
    return apiServer.securePort();
  }

  public Optional<Integer> agentPort() {
    return agent == null ? Optional.empty() : Optional.of(agent.port());
  }

  public int controllerManagerMetricsPort() {
    return controllerManager.metricsPort();
  }

  public Optional<Integer> schedulerMetricsPort() {
    return scheduler.metricsPort();
  }

  /** Stops the pods' processes (bounded by their grace period), then every component in reverse order. */
  @Override
  public synchronized void close() {
    if (agent != null) {
      try {
        agent.stopContainers(CONTAINER_STOP_GRACE);
      } catch (RuntimeException e) {
        LOG.warn("stopping the pods' containers: {}", e.toString());
      }
    }
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        LOG.warn("closing {}: {}", started.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    started.clear();
  }
}
