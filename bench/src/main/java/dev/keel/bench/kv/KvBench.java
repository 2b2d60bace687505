package dev.keel.bench.kv;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code keel-bench}: the KV load tool. {@code kv} runs one workload against etcd-API endpoints
 * (Keel or etcd, with the same client), {@code compare} prints a ratio table of two systems'
 * results, {@code chart} renders result files, {@code leader} finds a group's leader, {@code sched}
 * measures the scheduler's throughput on simulated nodes, {@code pods} the pod startup latency
 * with real pods, {@code soak} whether the control plane keeps up with thousands of hollow nodes.
 */
@Command(
    name = "keel-bench",
    mixinStandardHelpOptions = true,
    version = "keel-bench 0.1.0",
    description = "Load runs against the etcd v3 API (Keel or etcd), with reports and charts.",
    subcommands = {KvCommand.class, ApiCommand.class, CompareCommand.class, ChartCommand.class,
        LeaderCommand.class, dev.keel.bench.sched.SchedCommand.class,
        dev.keel.bench.pods.PodsCommand.class, dev.keel.bench.soak.SoakCommand.class})
public final class KvBench {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, headless (charts need no display), enum values case-insensitive. */
  static CommandLine commandLine() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    return new CommandLine(new KvBench()).setCaseInsensitiveEnumValuesAllowed(true);
  }
}
