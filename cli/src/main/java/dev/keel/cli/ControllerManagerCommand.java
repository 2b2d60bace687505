package dev.keel.cli;

import dev.keel.api.client.ClientConfig;
import dev.keel.api.client.Kubeconfig;
import dev.keel.controllers.manager.ControllerManager;
import dev.keel.controllers.manager.ControllerManagerConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keel controller-manager}: node lifecycle, endpoints, namespace and garbage collection controllers. */
@Command(
    name = "controller-manager",
    mixinStandardHelpOptions = true,
    description = "Run the controller-manager against an apiserver (leader election optional).")
final class ControllerManagerCommand implements Callable<Integer> {
  private static final Pattern GO_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Spec CommandSpec spec;

  @Option(names = "--kubeconfig", required = true, description = "Kubeconfig of the apiserver to manage.")
  Path kubeconfig;

  @Option(names = "--leader-elect", defaultValue = "false",
      description = "Run the controllers only while holding the lease kube-system/kube-controller-manager (default: ${DEFAULT-VALUE}).")
  boolean leaderElect;

  @Option(names = "--controllers", split = ",", defaultValue = "*",
      description = "Controllers to run: * = all, name adds, -name removes (default: ${DEFAULT-VALUE}).")
  List<String> controllers;

  @Option(names = "--metrics-host", defaultValue = "127.0.0.1", description = "Address of /metrics (default: ${DEFAULT-VALUE}).")
  String metricsHost;

  @Option(names = "--metrics-port", defaultValue = "10257",
      description = "Port of /metrics and /healthz; 0 picks a free one, -1 turns it off (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--node-monitor-grace-period", defaultValue = "40s",
      description = "Quiet time after which a node is Unknown, e.g. 40s (default: ${DEFAULT-VALUE}).")
  String gracePeriod;

  @Option(names = "--pod-eviction-timeout", defaultValue = "300s",
      description = "Default toleration of pods for the not-ready/unreachable taints, e.g. 5m (default: ${DEFAULT-VALUE}).")
  String podEvictionTimeout;

  @Override
  public Integer call() throws Exception {
    ControllerManagerConfig config;
    try {
      ClientConfig client = Kubeconfig.load(kubeconfig);
      config = ControllerManagerConfig.of(client, identity());
      config = config.withControllers(controllers)
          .withLeaderElection(leaderElect, config.leaderElection())
          .withMetrics(metricsHost, metricsPort)
          .withNodeLifecycle(config.nodeLifecycle()
              .withGracePeriod(duration("--node-monitor-grace-period", gracePeriod))
              .withPodEvictionTimeout(duration("--pod-eviction-timeout", podEvictionTimeout)));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    ControllerManager manager = new ControllerManager(config).start();
    spec.commandLine().getOut().printf("keel controller-manager: controllers %s, leader election %s, metrics %d%n",
        manager.controllerNames(), leaderElect ? "on" : "off", manager.metricsPort());
    spec.commandLine().getOut().flush();
    Daemon.runUntilShutdown("controller-manager", manager);
    return 0;
  }

  /** A Go-style duration: 300ms, 40s, 5m, 1h (one unit), or ISO-8601 (PT40S). */
  static Duration duration(String flag, String value) {
    Matcher m = GO_DURATION.matcher(value.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(flag + ": not a duration: \"" + value + "\" (e.g. 40s, 5m)");
    }
  }

  private static String identity() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + "_" + UUID.randomUUID();
  }
}
