package dev.keel.cli;

import dev.keel.apiserver.ApiServer;
import dev.keel.apiserver.ApiServerConfig;
import dev.keel.apiserver.kubeconfig.Kubeconfig;
import dev.keel.kvstore.replica.PeerSpec;
import dev.keel.kvstore.replica.Replica;
import dev.keel.kvstore.replica.ReplicaConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code keel up}: everything on loopback in one process. Today that is the replicated store
 * (client ports from 7379, peer ports from 7380, each replica taking the next free pair) and the
 * apiserver (HTTPS from 7443, kubeconfig written to {@code <data-dir>/kubeconfig}); the
 * scheduler, controllers and node agent join as they land.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Start Keel on loopback in one process (today: the replicated store and the apiserver).")
final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data-dir", defaultValue = "keel-data", description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--replicas", defaultValue = "3", description = "Store replicas, 1 or 3 (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Override
  public Integer call() throws Exception {
    if (replicas != 1 && replicas != 3) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--replicas must be 1 or 3, got " + replicas);
    }
    List<PeerSpec> peers = new ArrayList<>();
    List<Integer> clientPorts = new ArrayList<>();
    int port = ReplicaConfig.DEFAULT_CLIENT_PORT;
    for (int i = 1; i <= replicas; i++) {
      port = nextFreePair(port);
      clientPorts.add(port);
      peers.add(new PeerSpec("n" + i, "127.0.0.1", port + 1));
      port += 10;
    }
    List<AutoCloseable> started = new ArrayList<>();
    List<String> endpoints = new ArrayList<>();
    ApiServer apiServer;
    try {
      for (int i = 0; i < replicas; i++) {
        PeerSpec self = peers.get(i);
        ReplicaConfig config = ReplicaConfig.of(self.id(), dataDir.resolve("store").resolve(self.id()), peers)
            .withClientPort(clientPorts.get(i))
            .withMetricsPort(0);
        Replica replica = new Replica(config).start();
        started.add(replica);
        endpoints.add("127.0.0.1:" + replica.clientPort());
      }
      int apiPort = nextFree(API_PORT);
      apiServer = new ApiServer(ApiServerConfig.of(endpoints, dataDir.resolve("apiserver"))
          .withPorts(apiPort, -1)).start();
      started.add(apiServer);
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
    Path kubeconfig = dataDir.resolve("kubeconfig");
    Path apiData = dataDir.resolve("apiserver");
    Kubeconfig.write(kubeconfig, Kubeconfig.forDataDir(apiData, apiData.resolve("tokens.csv"),
        "https://127.0.0.1:" + apiServer.securePort()));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("keel up: %d store replica(s) and the apiserver, data in %s%n", replicas,
        dataDir.toAbsolutePath());
    out.printf("  etcdctl --endpoints=%s put hello world%n", String.join(",", endpoints));
    out.printf("  kubectl --kubeconfig %s get namespaces%n", kubeconfig);
    out.flush();
    Daemon.runUntilShutdown("keel up", () -> closeAll(started));
    return 0;
  }

  private static final int API_PORT = 7443;

  /** Closes in reverse order of start. */
  private static void closeAll(List<AutoCloseable> components) {
    for (int i = components.size() - 1; i >= 0; i--) {
      try {
        components.get(i).close();
      } catch (Exception e) {
        throw new IllegalStateException("closing " + components.get(i), e);
      }
    }
  }

  private static int nextFree(int from) {
    for (int p = from; p < from + 100; p++) {
      if (free(p)) {
        return p;
      }
    }
    throw new IllegalStateException("no free port on 127.0.0.1 in " + from + ".." + (from + 100));
  }

  /** The first port p >= from such that p and p + 1 are both free on loopback. */
  private static int nextFreePair(int from) {
    for (int p = from; p < from + 1000; p += 2) {
      if (free(p) && free(p + 1)) {
        return p;
      }
    }
    throw new IllegalStateException("no free port pair on 127.0.0.1 in " + from + ".." + (from + 1000));
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
