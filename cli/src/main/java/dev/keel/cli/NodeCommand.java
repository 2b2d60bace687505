package dev.keel.cli;

import dev.keel.api.client.KubeClient;
import dev.keel.api.client.Kubeconfig;
import dev.keel.api.core.Taint;
import dev.keel.api.quantity.Quantity;
import dev.keel.node.NodeAgent;
import dev.keel.node.NodeAgentConfig;
import dev.keel.node.NodeFleet;
import dev.keel.node.runtime.RuntimeKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keel node}: a node agent (or, with the hollow runtime, a fleet of them) registered with an apiserver. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Run a node agent: registers a Node and runs the pods bound to it (process runtime: each "
        + "container is an OS process; hollow: simulated, for scale tests).")
final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--kubeconfig", defaultValue = "keel-data/kubeconfig",
      description = "Kubeconfig of the apiserver (default: ${DEFAULT-VALUE}).")
  Path kubeconfig;

  @Option(names = "--name", description = "Node name (default: this host's name). With --count, the prefix.")
  String name;

  @Option(names = "--runtime", defaultValue = "process",
      description = "process or hollow (default: ${DEFAULT-VALUE}).")
  String runtime;

  @Option(names = "--count", defaultValue = "1",
      description = "Hollow runtime only: run this many agents named <name>-0 .. <name>-<count-1> in this process.")
  int count;

  @Option(names = "--cpu", description = "cpu capacity, e.g. 4 or 3500m (default: the machine's processors).")
  String cpu;

  @Option(names = "--memory", description = "memory capacity, e.g. 8Gi (default: the machine's memory).")
  String memory;

  @Option(names = "--pods", description = "pod capacity (default: 110).")
  Integer pods;

  @Option(names = "--labels", split = ",", description = "Extra node labels key=value,...")
  List<String> labels = new ArrayList<>();

  @Option(names = "--taints", split = ",",
      description = "Taints set at registration: key[=value]:NoSchedule|PreferNoSchedule|NoExecute,...")
  List<String> taints = new ArrayList<>();

  @Option(names = "--address", defaultValue = "127.0.0.1",
      description = "The node's InternalIP, where the agent listens, and every pod's IP unless --pod-cidr is set "
          + "(default: ${DEFAULT-VALUE}).")
  String address;

  @Option(names = "--pod-cidr",
      description = "Give each pod (not hostNetwork) an address of its own from this range, e.g. 127.101.1.0/24 "
          + "(written to the Node's spec.podCIDR; one agent only). Default: pods use the node's address.")
  String podCidr;

  @Option(names = "--no-proxy",
      description = "Do not run the service proxy (it runs by default with the process runtime, never with hollow).")
  boolean noProxy;

  @Option(names = "--port", defaultValue = "7250",
      description = "Agent HTTP port (logs, /healthz, /metrics); 0 = any free one, -1 = none; with --count the "
          + "agents take consecutive ports (default: ${DEFAULT-VALUE}; hollow fleets: -1).")
  int port;

  @Option(names = "--node-lease-duration", defaultValue = "40s",
      description = "The node Lease's duration; it is renewed every quarter of it. Keep it at most the "
          + "controller-manager's --node-monitor-grace-period (default: ${DEFAULT-VALUE}).")
  String leaseDuration;

  @Option(names = "--data-dir", defaultValue = "keel-data/node",
      description = "Container logs and state files; with --count one subdirectory per agent (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    RuntimeKind kind = runtimeKind();
    if (count < 1 || count > 1 && kind != RuntimeKind.HOLLOW) {
      throw new ParameterException(spec.commandLine(),
          "--count must be 1 for the process runtime and at least 1 for hollow, got " + count);
    }
    if (podCidr != null && count > 1) {
      throw new ParameterException(spec.commandLine(), "--pod-cidr is for one agent; it cannot be used with --count");
    }
    NodeAgentConfig config;
    try {
      config = config(kind);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    KubeClient client;
    try {
      client = KubeClient.create(Kubeconfig.load(kubeconfig));
    } catch (java.io.IOException | RuntimeException e) {
      throw new ParameterException(spec.commandLine(), "--kubeconfig: cannot load " + kubeconfig + ": " + e, e);
    }
    AutoCloseable running;
    try {
      if (count > 1) {
        running = new NodeFleet(config, count, client, Math.max(4, Runtime.getRuntime().availableProcessors() * 2))
            .start();
      } else {
        running = new NodeAgent(config, client).start();
      }
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
    spec.commandLine().getOut().printf("keel node: %s (runtime %s), address %s, pod CIDR %s, proxy %s, port %s, "
        + "data %s%n",
        count > 1 ? count + " agents " + config.nodeName() + "-0.." + (count - 1) : config.nodeName(),
        runtime, address, config.podCidr().orElse("none"), config.proxy() ? "on" : "off",
        count > 1 ? "-" : String.valueOf(((NodeAgent) running).port()), dataDir.toAbsolutePath());
    spec.commandLine().getOut().flush();
    Daemon.runUntilShutdown("node", () -> {
      running.close();
      client.close();
    });
    return 0;
  }

  private RuntimeKind runtimeKind() {
    try {
      return RuntimeKind.valueOf(runtime.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--runtime must be process or hollow, got " + runtime);
    }
  }

  private NodeAgentConfig config(RuntimeKind kind) {
    String node = name != null ? name : hostName();
    NodeAgentConfig c = NodeAgentConfig.of(node, kind, dataDir);
    Map<String, Quantity> capacity = new HashMap<>(c.capacity());
    if (cpu != null) {
      capacity.put("cpu", quantity("--cpu", cpu));
    }
    if (memory != null) {
      capacity.put("memory", quantity("--memory", memory));
    }
    if (pods != null) {
      capacity.put("pods", Quantity.of(pods));
    }
    boolean portGiven = spec.commandLine().getParseResult().hasMatchedOption("--port");
    int p = kind == RuntimeKind.HOLLOW && count > 1 && !portGiven ? -1 : port;
    c = c.withCapacity(capacity).withLabels(labels()).withTaints(taints()).withAddress(address).withPort(p)
        .withLeaseDuration(ControllerManagerCommand.duration("--node-lease-duration", leaseDuration));
    if (podCidr != null) {
      c = c.withPodCidr(podCidr);
    }
    return noProxy ? c.withProxy(false) : c;
  }

  private Map<String, String> labels() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String l : labels) {
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--labels: expected key=value, got \"" + l + "\"");
      }
      out.put(l.substring(0, eq), l.substring(eq + 1));
    }
    return out;
  }

  private List<Taint> taints() {
    List<Taint> out = new ArrayList<>();
    for (String t : taints) {
      int colon = t.lastIndexOf(':');
      String effect = colon < 0 ? "" : t.substring(colon + 1);
      if (!List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
        throw new IllegalArgumentException("--taints: expected key[=value]:NoSchedule|PreferNoSchedule|NoExecute, got \""
            + t + "\"");
      }
      String kv = t.substring(0, colon);
      int eq = kv.indexOf('=');
      out.add(Taint.of(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? null : kv.substring(eq + 1), effect));
    }
    return out;
  }

  private static Quantity quantity(String flag, String v) {
    try {
      return Quantity.parse(v);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(flag + ": not a quantity: \"" + v + "\"");
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    } catch (UnknownHostException e) {
      return "node";
    }
  }
}
