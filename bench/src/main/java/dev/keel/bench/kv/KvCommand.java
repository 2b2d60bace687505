package dev.keel.bench.kv;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code keel-bench kv WORKLOAD}: one load run against etcd-API endpoints (Keel or etcd). */
@Command(
    name = "kv",
    mixinStandardHelpOptions = true,
    description = {
        "Load an etcd v3 API endpoint (Keel or etcd) with put, range, txn (compare-and-swap) or"
            + " watch requests; print a summary, optionally write JSON and a PNG chart.",
        "Example: keel-bench kv put --endpoints 127.0.0.1:7379 --clients 64 --conns 8"
            + " --duration 10s --val-size 256 --key-space 10000"})
final class KvCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "put, range, txn or watch")
  Workload workload;

  @Option(names = "--endpoints", split = ",", defaultValue = "127.0.0.1:2379",
      description = "Client endpoints host:port; connection i uses endpoint i mod n"
          + " (default: ${DEFAULT-VALUE}).")
  List<String> endpoints;

  @Option(names = "--clients", defaultValue = "1",
      description = "Requests in flight (watch: watchers) (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--conns", defaultValue = "1",
      description = "gRPC connections shared by the clients (default: ${DEFAULT-VALUE}).")
  int conns;

  @Option(names = "--total", defaultValue = "0",
      description = "Measured requests (watch: puts); 10000 if neither --total nor --duration.")
  long total;

  @Option(names = "--duration", defaultValue = "0s", converter = DurationConverter.class,
      description = "Measured time, e.g. 10s (default: until --total).")
  Duration duration;

  @Option(names = "--warmup", defaultValue = "0s", converter = DurationConverter.class,
      description = "Unmeasured time before measuring (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--key-size", defaultValue = "8", description = "Key bytes (default: ${DEFAULT-VALUE}).")
  int keySize;

  @Option(names = "--val-size", defaultValue = "8", description = "Value bytes (default: ${DEFAULT-VALUE}).")
  int valSize;

  @Option(names = "--key-space", defaultValue = "1",
      description = "Keys are drawn from [0, key-space) (default: ${DEFAULT-VALUE}).")
  int keySpace;

  @Option(names = "--consistency", defaultValue = "l",
      description = "Range reads: l (linearizable) or s (serializable) (default: ${DEFAULT-VALUE}).")
  String consistency;

  @Option(names = "--rate", defaultValue = "100",
      description = "Watch: puts per second (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--timeout", defaultValue = "10s", converter = DurationConverter.class,
      description = "Deadline of one request (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--name", description = "Step name in the result (default: e.g. put-64, range-s-1).")
  String name;

  @Option(names = "--label", defaultValue = "keel",
      description = "System measured, e.g. keel or etcd (default: ${DEFAULT-VALUE}).")
  String label;

  @Option(names = "--json", description = "Write the result as JSON to this file.")
  Path json;

  @Option(names = "--png", description = "Render throughput and latency over time to this PNG.")
  Path png;

  @Option(names = "--server-pids", split = ",",
      description = "Pids of the server processes; their CPU time per request is recorded.")
  List<Long> serverPids = List.of();

  @Option(names = "--no-progress", description = "Do not draw the progress bar on stderr.")
  boolean noProgress;

  /** The validated run; picocli errors name the bad option. */
  LoadSpec toSpec() {
    if (!"l".equals(consistency) && !"s".equals(consistency)) {
      throw new ParameterException(spec.commandLine(),
          "--consistency must be l or s, got '" + consistency + "'");
    }
    long requests = total == 0 && duration.isZero() ? 10_000 : total;
    try {
      return new LoadSpec(workload, endpoints, clients, conns, requests, duration, warmup,
          keySize, valSize, keySpace, "s".equals(consistency), rate, timeout);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  @Override
  public Integer call() throws Exception {
    LoadSpec load = toSpec();
    String step = name == null ? load.defaultName() : name;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunResult result = run(load, step, err);
    Summary.print(result, out);
    if (json != null) {
      new ResultFiles().write(result, json);
      out.println("  JSON:        " + json);
    }
    if (png != null) {
      RunChart.write(result, png);
      out.println("  Chart:       " + png);
    }
    out.flush();
    return result.ok() > 0 ? 0 : 1;
  }

  private RunResult run(LoadSpec load, String step, PrintWriter err) throws InterruptedException {
    Keys keys = new Keys(load.keySize(), load.keySpace(), load.valSize());
    try (Connections connections = new Connections(load.endpoints(), load.conns(),
        load.timeout())) {
      LoadRun run = load.workload() == Workload.WATCH
          ? new WatchRunner(load, keys, connections)
          : new ClosedLoopRunner(load, Operations.forSpec(load, keys), connections::forClient);
      ServerCpu cpu = new ServerCpu(serverPids);
      long startedAt = System.currentTimeMillis();
      LatencyRecorder recorder = run.start();
      Measured measured;
      long cpuAtStart;
      if (noProgress) {
        cpuAtStart = cpuAfterWarmup(cpu, run.measureStart());
        measured = run.await();
      } else {
        try (ProgressBar bar = new ProgressBar(err, label + " " + step, recorder::ok,
            recorder::errors, load.total() * expectedPerRequest(load), run.measureStart(),
            load.duration().toNanos())) {
          cpuAtStart = cpuAfterWarmup(cpu, run.measureStart());
          measured = run.await();
        }
      }
      Map<String, Long> counters = new LinkedHashMap<>(run.counters());
      if (!cpu.isEmpty()) {
        long cpuMillis = cpu.cpuMillis() - cpuAtStart;
        counters.put("server-cpu-ms", cpuMillis);
        counters.put("server-cpu-us-per-op",
            measured.ok() == 0 ? 0 : cpuMillis * 1000 / measured.ok());
      }
      return measured.toResult(step, label, load, startedAt, counters);
    }
  }

  /** Waits for the warm-up to end and reads the servers' CPU time then. */
  private static long cpuAfterWarmup(ServerCpu cpu, long measureStart)
      throws InterruptedException {
    TimeUnit.NANOSECONDS.sleep(Math.max(0, measureStart - System.nanoTime()));
    return cpu.cpuMillis();
  }

  /** Watch runs count events: one per watcher and put. */
  private static long expectedPerRequest(LoadSpec load) {
    return load.workload() == Workload.WATCH ? load.clients() : 1;
  }
}
