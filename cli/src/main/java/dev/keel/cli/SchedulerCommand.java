package dev.keel.cli;

import dev.keel.api.client.ClientConfig;
import dev.keel.api.client.Kubeconfig;
import dev.keel.controllers.scheduler.daemon.KeelScheduler;
import dev.keel.controllers.scheduler.daemon.KeelSchedulerConfig;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keel scheduler}: places pending pods on nodes, as a client of the apiserver. */
@Command(
    name = "scheduler",
    mixinStandardHelpOptions = true,
    description = "Run the scheduler: binds pods without a node to a node that fits them.")
final class SchedulerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--kubeconfig", required = true,
      description = "Kubeconfig of the apiserver to schedule for (its current context is used).")
  Path kubeconfig;

  @Option(names = "--scheduler-name", defaultValue = "default-scheduler",
      description = "The spec.schedulerName served; pods without one are served too (default: ${DEFAULT-VALUE}).")
  String schedulerName;

  @Option(names = "--leader-elect",
      description = "Schedule only while holding the Lease kube-system/kube-scheduler, so several can run for HA.")
  boolean leaderElect;

  @Option(names = "--metrics-host", defaultValue = "127.0.0.1",
      description = "Address of the /metrics endpoint (default: ${DEFAULT-VALUE}).")
  String metricsHost;

  @Option(names = "--metrics-port", defaultValue = "" + KeelSchedulerConfig.DEFAULT_METRICS_PORT,
      description = "Port of /metrics; 0 picks a free one, -1 turns it off (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Override
  public Integer call() throws Exception {
    KeelSchedulerConfig config;
    try {
      ClientConfig client = Kubeconfig.load(kubeconfig);
      config = KeelSchedulerConfig.of(client).withSchedulerName(schedulerName).withLeaderElect(leaderElect)
          .withMetrics(metricsHost, metricsPort);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "--kubeconfig " + kubeconfig + ": no such file", e);
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(),
          "cannot read --kubeconfig " + kubeconfig + ": " + e, e);
    } catch (IllegalArgumentException e) { // includes KubeconfigException
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    KeelScheduler scheduler = new KeelScheduler(config).start();
    spec.commandLine().getOut().printf("keel scheduler %s: apiserver %s, leader election %s, metrics %s%n",
        schedulerName, config.client().server(), leaderElect ? "on" : "off",
        scheduler.metricsPort().map(p -> metricsHost + ":" + p + "/metrics").orElse("off"));
    spec.commandLine().getOut().flush();
    Daemon.runUntilShutdown("scheduler", scheduler);
    return 0;
  }
}
