package dev.keel.cli;

import dev.keel.cli.up.KeelUp;
import dev.keel.cli.up.UpConfig;
import dev.keel.kvstore.replica.ReplicaConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code keel up}: the whole of Keel on loopback in one process (see {@link KeelUp}): store replicas, apiserver,
 * controller-manager, scheduler and a node agent whose pods are real processes. Ctrl-C stops the pods and every
 * component; running it again on the same data directory brings the same cluster back.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Start Keel on loopback in one process: store, apiserver, controller-manager, scheduler and a node.")
final class UpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data-dir", defaultValue = "keel-data", description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--replicas", defaultValue = "3", description = "Store replicas, 1 or 3 (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--store-port", defaultValue = "" + ReplicaConfig.DEFAULT_CLIENT_PORT,
      description = "First store client port to try on the first start (default: ${DEFAULT-VALUE}).")
  int storePort;

  @Option(names = "--api-port", defaultValue = "" + UpConfig.DEFAULT_API_PORT,
      description = "First apiserver port to try on the first start (default: ${DEFAULT-VALUE}).")
  int apiPort;

  @Option(names = "--node-name", defaultValue = "node-1", description = "Name of the node (default: ${DEFAULT-VALUE}).")
  String nodeName;

  @Option(names = "--pod-cidr", defaultValue = UpConfig.DEFAULT_POD_CIDR,
      description = "Loopback range of the node's pod addresses (default: ${DEFAULT-VALUE}).")
  String podCidr;

  @Option(names = "--no-node", description = "Run the control plane only, without a node agent.")
  boolean noNode;

  @Option(names = "--node-monitor-grace-period", defaultValue = "40s",
      description = "How long a node may miss its heartbeats before it is NotReady (default: ${DEFAULT-VALUE}).")
  String gracePeriod;

  @Option(names = "--pod-eviction-timeout", defaultValue = "300s",
      description = "How long pods stay on a NotReady node before they are evicted (default: ${DEFAULT-VALUE}).")
  String podEvictionTimeout;

  @Override
  public Integer call() throws Exception {
    UpConfig config;
    try {
      config = new UpConfig(dataDir, replicas, storePort, apiPort, nodeName, podCidr,
          ControllerManagerCommand.duration("--node-monitor-grace-period", gracePeriod),
          ControllerManagerCommand.duration("--pod-eviction-timeout", podEvictionTimeout), !noNode);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    KeelUp up;
    try {
      up = new KeelUp(config).start();
    } catch (IllegalArgumentException | IllegalStateException e) {
      spec.commandLine().getErr().println("keel up: " + e.getMessage());
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("keel up: running, data in %s%n", dataDir.toAbsolutePath());
    out.printf("  store (%d replica%s)   %s%n", replicas, replicas == 1 ? "" : "s",
        String.join(",", up.storeEndpoints()));
    out.printf("  apiserver            https://127.0.0.1:%d%n", up.apiPort());
    out.printf("  controller-manager   metrics http://127.0.0.1:%d/metrics%n", up.controllerManagerMetricsPort());
    up.schedulerMetricsPort().ifPresent(p -> out.printf("  scheduler            metrics http://127.0.0.1:%d/metrics%n", p));
    up.agentPort().ifPresent(p -> out.printf("  node %-15s agent http://127.0.0.1:%d, pod addresses %s%n",
        nodeName, p, podCidr));
    out.printf("try:%n");
    out.printf("  kubectl --kubeconfig %s get nodes%n", up.kubeconfig());
    out.printf("  kubectl --kubeconfig %s apply -f examples/hello.yaml%n", up.kubeconfig());
    out.printf("  etcdctl --endpoints=%s get --prefix /registry/namespaces --keys-only%n",
        String.join(",", up.storeEndpoints()));
    out.printf("Ctrl-C stops everything (the pods' processes too); keel up again resumes from %s%n", dataDir);
    out.flush();
    Daemon.runUntilShutdown("keel up", up);
    return 0;
  }
}
