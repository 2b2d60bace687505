package dev.keel.bench.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.KubeClient;
import dev.keel.api.kinds.Kinds;
import dev.keel.bench.kv.DurationConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keel-bench soak}: can one JVM keep a cluster of hollow nodes (issue 7: 5,000 nodes,
 * 30,000 pods, 10 minutes)? Starts the control plane as {@code keel up} does (or uses a
 * kubeconfig) and a {@link dev.keel.node.NodeFleet} of hollow node agents in this JVM (real
 * registration, Lease renewals every 10 s, Node status, pod workers), creates Deployments
 * totalling the pods, waits until all are Running, then holds for the duration while sampling CPU,
 * heap after GC, load, an API latency probe, Ready nodes, Running pods and the Lease renewal lag
 * each second. "Kept up" iff no fleet node left Ready, every pod stayed Running and the probe's
 * p99 stayed below 1 s. Writes a JSON result, a PNG chart and a markdown summary.
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description = "Hold N hollow nodes and P pods for a while: does the control plane keep up?")
public final class SoakCommand implements Callable<Integer> {
  private static final int TOP_THREAD_GROUPS = 15;

  @Spec CommandSpec spec;

  @Option(names = "--nodes", defaultValue = "5000", description = "Hollow node agents (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--pods", defaultValue = "30000", description = "Pods, as Deployment replicas (default: ${DEFAULT-VALUE}).")
  int pods;

  @Option(names = "--pods-per-deployment", defaultValue = "1000",
      description = "Replicas of each Deployment at most (default: ${DEFAULT-VALUE}).")
  int perDeployment;

  @Option(names = "--duration", defaultValue = "10m", converter = DurationConverter.class,
      description = "How long to hold once every pod runs, e.g. 10s, 2m (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--ramp-timeout", defaultValue = "30m", converter = DurationConverter.class,
      description = "Give up waiting for every pod to run after this (default: ${DEFAULT-VALUE}).")
  Duration rampTimeout;

  @Option(names = "--replicas", defaultValue = "3",
      description = "Store replicas of the in-JVM control plane, 1 or 3 (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--fleet-requests", defaultValue = "256",
      description = "The node fleet's API requests in flight (default: ${DEFAULT-VALUE}).")
  int fleetRequests;

  @Option(names = "--kubeconfig", description = "Use this running Keel instead of starting one in this JVM.")
  Path kubeconfig;

  @Option(names = "--out", defaultValue = "bench-results/soak",
      description = "Directory of the JSON result, PNG chart and markdown summary (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    String name = "soak-" + nodes + "x" + pods + "-" + stamp;
    String uptimeStart = Uptime.read();
    if (kubeconfig == null) {
      err.printf("starting Keel (%d store replica(s), controller-manager, scheduler, no node agent)%n", replicas);
      err.flush();
    }
    try (SoakCluster cluster = kubeconfig == null ? SoakCluster.startInJvm(replicas)
        : SoakCluster.connect(kubeconfig);
         KubeClient client = KubeClient.create(cluster.clientConfig().withMaxRequestsInFlight(64));
         KubeClient probeClient = KubeClient.create(cluster.clientConfig())) {
      Outcome o = run(name, cluster, client, probeClient, uptimeStart, err);
      SoakRunResult r = o.result();
      if (!cluster.inJvm()) {
        client.resource(Kinds.NAMESPACES).delete(null, name, DeleteOptions.defaults());
      }
      write(r, o.samples(), err);
      return r.keptUp() ? 0 : 1;
    }
  }

  /** The result, and every sample (the result keeps every tenth). */
  private record Outcome(SoakRunResult result, List<SoakSample> samples) {}

  private Outcome run(String name, SoakCluster cluster, KubeClient client, KubeClient probeClient,
      String uptimeStart, PrintWriter err) throws Exception {
    String prefix = name + "-node";
    SoakWorkload workload = new SoakWorkload(client, name, pods, perDeployment);
    workload.createNamespace();
    long start = System.nanoTime();
    try (ProcessReadings process = new ProcessReadings();
         ClusterView view = new ClusterView(client, name, prefix + "-");
         ApiProbe probe = new ApiProbe(probeClient, name, SoakWorkload.firstSelector(),
             new RoundRobin(prefix, nodes));
         LeaseLag leases = new LeaseLag(probeClient, prefix + "-", 10);
         Sampler sampler = new Sampler(process, view, probe, leases, err, pods, start)) {
      if (!view.awaitSynced(Duration.ofSeconds(60))) {
        throw new IllegalStateException("the node and pod informers did not sync within 60 s");
      }
      ThreadCpu threads = new ThreadCpu();
      ThreadCpu.Snapshot fleetCpu = threads.snapshot();
      err.printf("starting %,d hollow node agents%n", nodes);
      cluster.startFleet(prefix, nodes, fleetRequests);
      double fleetSeconds = (System.nanoTime() - start) / 1e9;
      err.printf("%nthe fleet registered in %.1f s; creating %d Deployments, %,d pods%n", fleetSeconds,
          workload.deployments(), pods);
      sampler.phase("ramp");
      ThreadCpu.Snapshot rampCpu = threads.snapshot();
      long rampStart = System.nanoTime();
      workload.createDeployments();
      boolean rampComplete = await(() -> view.podCounts()[2] >= pods, rampTimeout);
      double rampSeconds = (System.nanoTime() - rampStart) / 1e9;
      err.printf("%n%s: %,d/%,d pods Running after %.1f s; holding for %s%n",
          rampComplete ? "ramp done" : "RAMP TIMED OUT", view.podCounts()[2], pods, rampSeconds, duration);
      ThreadCpu.Snapshot holdCpu = threads.snapshot();
      long holdStartMillis = System.currentTimeMillis();
      long holdStart = System.nanoTime();
      probe.measure();
      sampler.hold(duration.toNanos());
      await(() -> false, duration);
      double holdSeconds = (System.nanoTime() - holdStart) / 1e9;
      ThreadCpu.Snapshot endCpu = threads.snapshot();
      Map<String, Map<String, Double>> cpuByThreads = new LinkedHashMap<>();
      cpuByThreads.put("fleet", ThreadCpu.between(fleetCpu, rampCpu, TOP_THREAD_GROUPS));
      cpuByThreads.put("ramp", ThreadCpu.between(rampCpu, holdCpu, TOP_THREAD_GROUPS));
      cpuByThreads.put("hold", ThreadCpu.between(holdCpu, endCpu, TOP_THREAD_GROUPS));
      sampler.close();
      List<SoakSample> hold = sampler.samples().stream().filter(s -> "hold".equals(s.phase())).toList();
      ApiProbe.Result api = probe.result();
      SoakRunResult.Api apiResult = new SoakRunResult.Api(api.get(), api.list(), api.patch(), api.all(),
          api.errors(), api.lastError());
      int minRunning = hold.stream().mapToInt(SoakSample::running).min().orElse(0);
      int minReady = hold.stream().mapToInt(SoakSample::readyNodes).min().orElse(0);
      List<ClusterView.NotReady> notReady = view.notReady();
      List<ClusterView.PodLost> lost = view.podsLost(holdStartMillis);
      List<String> failures = SoakRunResult.failures(rampComplete, pods, minRunning, notReady, lost, apiResult);
      SoakRunResult.Machine machine = new SoakRunResult.Machine(Runtime.getRuntime().availableProcessors(),
          uptimeStart, Uptime.read(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
          Math.round(process.heapMaxMib()), cluster.target());
      List<SoakSample> all = sampler.samples();
      return new Outcome(new SoakRunResult(name, System.currentTimeMillis(), nodes, pods, workload.deployments(),
          replicas, fleetSeconds, rampComplete, rampSeconds, holdSeconds, failures.isEmpty(),
          failures.isEmpty() ? "kept up" : "fell behind: " + String.join("; ", failures), failures, apiResult,
          SoakRunResult.Stats.of(hold.stream().map(SoakSample::cpuPercent).toList()),
          SoakRunResult.Stats.of(hold.stream().map(SoakSample::heapAfterGcMib).toList()),
          maxOf(hold, SoakSample::leaseLagMaxSeconds), maxOf(hold, SoakSample::leaseLagP99Seconds),
          minRunning, minReady, notReady, lost, process.cpuSeconds(), cpuByThreads, machine,
          IntStream.range(0, all.size()).filter(i -> i % 10 == 9).mapToObj(all::get).toList()), all);
    }
  }

  private static double maxOf(List<SoakSample> samples, java.util.function.ToDoubleFunction<SoakSample> f) {
    return samples.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
  }

  /** Polls {@code done} every 200 ms until it holds or {@code timeout} passes. */
  private static boolean await(java.util.function.BooleanSupplier done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      Thread.sleep(Math.min(200, Math.max(1, left / 1_000_000)));
    }
    return true;
  }

  private void write(SoakRunResult r, List<SoakSample> samples, PrintWriter err) throws IOException {
    Files.createDirectories(out);
    Path json = out.resolve(r.name() + ".json");
    Path png = out.resolve(r.name() + ".png");
    Path md = out.resolve(r.name() + ".md");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), r);
    SoakChart.write(r, samples, png);
    String summary = SoakSummary.markdown(r);
    Files.writeString(md, summary);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.print(summary);
    stdout.flush();
    err.printf("wrote %s, %s and %s%n", json, png, md);
    err.flush();
  }
}
