package dev.keel.cli;

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
 * (client ports from 7379, peer ports from 7380, each replica taking the next free pair); the
 * control-plane daemons join as they land.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Start Keel on loopback in one process (today: the replicated store).")
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
    List<Replica> started = new ArrayList<>();
    try {
      for (int i = 0; i < replicas; i++) {
        PeerSpec self = peers.get(i);
        ReplicaConfig config = ReplicaConfig.of(self.id(), dataDir.resolve("store").resolve(self.id()), peers)
            .withClientPort(clientPorts.get(i))
            .withMetricsPort(0);
        started.add(new Replica(config).start());
      }
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
    PrintWriter out = spec.commandLine().getOut();
    StringBuilder endpoints = new StringBuilder();
    for (Replica replica : started) {
      endpoints.append(endpoints.length() == 0 ? "" : ",").append("127.0.0.1:").append(replica.clientPort());
    }
    out.printf("keel up: %d store replica(s), data in %s%n", replicas, dataDir.toAbsolutePath());
    out.printf("  etcdctl --endpoints=%s put hello world%n", endpoints);
    out.flush();
    Daemon.runUntilShutdown("keel up", () -> closeAll(started));
    return 0;
  }

  private static void closeAll(List<Replica> replicas) {
    for (int i = replicas.size() - 1; i >= 0; i--) {
      replicas.get(i).close();
    }
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
