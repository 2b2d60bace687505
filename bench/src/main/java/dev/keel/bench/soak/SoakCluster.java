package dev.keel.bench.soak;

import dev.keel.api.client.ClientConfig;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.Kubeconfig;
import dev.keel.cli.up.KeelUp;
import dev.keel.cli.up.UpConfig;
import dev.keel.node.NodeAgentConfig;
import dev.keel.node.NodeFleet;
import dev.keel.node.runtime.RuntimeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

/**
 * The system under test: the control plane as {@code keel up} starts it in this JVM (store
 * replicas, apiserver, controller-manager, scheduler; no node agent), or a running one given by a
 * kubeconfig, plus a {@link NodeFleet} of hollow node agents in this JVM on a client of its own.
 * Closed in reverse order; a temporary data directory is deleted.
 */
final class SoakCluster implements AutoCloseable {
  private final Path tempDir;
  private final KeelUp up;
  private final Path kubeconfig;
  private final ClientConfig clientConfig;
  private KubeClient fleetClient;
  private NodeFleet fleet;

  private SoakCluster(Path tempDir, KeelUp up, Path kubeconfig) throws IOException {
    this.tempDir = tempDir;
    this.up = up;
    this.kubeconfig = kubeconfig;
    this.clientConfig = Kubeconfig.load(kubeconfig);
  }

  /** Starts {@code keel up} without a node agent in a temporary directory. */
  static SoakCluster startInJvm(int replicas) throws IOException {
    Path dir = Files.createTempDirectory("keel-bench-soak");
    try {
      KeelUp up = new KeelUp(new UpConfig(dir, replicas, 25790, 19443, "unused", UpConfig.DEFAULT_POD_CIDR,
          Duration.ofSeconds(40), Duration.ofSeconds(300), false)).start();
      try {
        return new SoakCluster(dir, up, up.kubeconfig());
      } catch (RuntimeException | IOException e) {
        up.close();
        throw e;
      }
    } catch (RuntimeException | IOException e) {
      deleteTree(dir);
      throw e;
    }
  }

  static SoakCluster connect(Path kubeconfig) throws IOException {
    return new SoakCluster(Files.createTempDirectory("keel-bench-soak"), null, kubeconfig);
  }

  ClientConfig clientConfig() {
    return clientConfig;
  }

  /**
   * Starts {@code count} hollow node agents named {@code <prefix>-0 ..}, without HTTP ports, on
   * a client with {@code requests} requests in flight; blocks until each has registered.
   */
  void startFleet(String prefix, int count, int requests) {
    fleetClient = KubeClient.create(clientConfig().withMaxRequestsInFlight(requests));
    fleet = new NodeFleet(NodeAgentConfig.of(prefix, RuntimeKind.HOLLOW, tempDir.resolve("nodes")).withPort(-1),
        count, fleetClient, Math.max(4, Runtime.getRuntime().availableProcessors() * 2)).start();
  }

  boolean inJvm() {
    return up != null;
  }

  String target() {
    return up != null ? "keel up in this JVM (no node agent), HTTPS on loopback" : "kubeconfig " + kubeconfig;
  }

  @Override
  public void close() {
    if (fleet != null) {
      fleet.close();
    }
    if (fleetClient != null) {
      fleetClient.close();
    }
    if (up != null) {
      up.close();
    }
    deleteTree(tempDir);
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary directory is harmless
    }
  }
}
