package dev.keel.bench.sched;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keel.api.client.ClientConfig;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.Kubeconfig;
import dev.keel.api.core.Namespace;
import dev.keel.api.kinds.Kinds;
import dev.keel.controllers.scheduler.daemon.KeelScheduler;
import dev.keel.bench.soak.ThreadCpu;
import dev.keel.controllers.scheduler.daemon.KeelSchedulerConfig;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keel-bench sched}: scheduling throughput with simulated nodes (Node objects only) through
 * the real apiserver and store. Creates the nodes, starts a {@link KeelScheduler}, then creates the
 * pods concurrently and measures pods bound per second end to end: from the first create sent to
 * the last binding seen by a watch. Writes a JSON result and a PNG chart.
 */
@Command(
    name = "sched",
    mixinStandardHelpOptions = true,
    description = "Scheduler throughput: N simulated nodes, M pods, pods bound per second end to end.")
public final class SchedCommand implements Callable<Integer> {
  private static final int TOP_THREAD_GROUPS = 12;

  @Spec CommandSpec spec;

  @Option(names = "--nodes", defaultValue = "1000", description = "Simulated nodes (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--pods", defaultValue = "10000", description = "Pods to schedule (default: ${DEFAULT-VALUE}).")
  int pods;

  @Option(names = "--init-pods", defaultValue = "1000",
      description = "Pods created and bound before the measured ones, in their own namespace, as scheduler_perf's "
          + "initPods (they also warm up the JIT) (default: ${DEFAULT-VALUE}).")
  int initPods;

  @Option(names = "--concurrency", defaultValue = "128",
      description = "Create requests in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--scheduler-requests", defaultValue = "128",
      description = "The scheduler's requests (binds) in flight (default: ${DEFAULT-VALUE}).")
  int schedulerRequests;

  @Option(names = "--kubeconfig",
      description = "Use this apiserver instead of starting a store and an apiserver in this JVM.")
  Path kubeconfig;

  @Option(names = "--store-transport", defaultValue = "inprocess",
      description = "How the in-JVM apiserver reaches the store: inprocess (direct calls, as keel up does), "
          + "inprocessgrpc (grpc-java's in-process transport) or grpc (over its loopback port, as a separate "
          + "apiserver would) (default: ${DEFAULT-VALUE}).")
  ControlPlane.StoreTransport storeTransport;

  @Option(names = "--data-dir", description = "Data of the in-JVM store (default: a temporary directory).")
  Path dataDir;

  @Option(names = "--out", defaultValue = "bench-results/sched",
      description = "Directory of the JSON result and PNG chart (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--timeout", defaultValue = "600", description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    String name = "sched-" + nodes + "x" + pods + "-" + stamp;
    List<AutoCloseable> open = new ArrayList<>();
    try {
      ClientConfig target;
      if (kubeconfig == null) {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("keel-bench-sched");
        err.println("starting a store and an apiserver in " + dir);
        ControlPlane cp = ControlPlane.start(dir, storeTransport);
        open.add(cp);
        target = ClientConfig.of(URI.create(cp.httpUrl()));
      } else {
        target = Kubeconfig.load(kubeconfig);
      }
      KubeClient client = KubeClient.create(target.withMaxRequestsInFlight(concurrency));
      open.add(client);
      SchedRunResult r = run(name, target, client, open, err);
      write(r, err);
      return r.complete() && r.moved() == 0 ? 0 : 1;
    } finally {
      for (int i = open.size() - 1; i >= 0; i--) {
        open.get(i).close();
      }
    }
  }

  private SchedRunResult run(String name, ClientConfig target, KubeClient client,
      List<AutoCloseable> open, PrintWriter err) throws Exception {
    double loadStart = loadAverage();
    client.resource(Kinds.NAMESPACES).create(Namespace.of(name));
    err.printf("creating %,d nodes%n", nodes);
    ObjectLoad nodeLoad = new ObjectLoad(client, concurrency);
    List<String> nodeNames = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      nodeNames.add(name + "-n" + i);
    }
    nodeLoad.createNodes(nodeNames);
    nodeLoad.drain(concurrency, timeoutSeconds, TimeUnit.SECONDS);
    KeelScheduler scheduler = new KeelScheduler(KeelSchedulerConfig.of(
        target.withMaxRequestsInFlight(schedulerRequests)).withMetrics("127.0.0.1", -1));
    open.add(scheduler);
    scheduler.start();
    if (!scheduler.awaitReady(Duration.ofSeconds(60))) {
      throw new IllegalStateException("the scheduler did not sync within 60 s");
    }
    double initSeconds = initPods > 0 ? initialPods(client, name + "-init", err) : 0;
    BindWatcher watcher = new BindWatcher(client, name, pods);
    open.add(watcher);
    watcher.awaitSynced(60);
    ObjectLoad podLoad = new ObjectLoad(client, concurrency);
    err.printf("creating %,d pods, %d in flight%n", pods, concurrency);
    ThreadCpu threadCpu = new ThreadCpu();
    ThreadCpu.Snapshot threadsAtStart = threadCpu.snapshot();
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    watcher.start(start);
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "keel-bench-progress");
      t.setDaemon(true);
      return t;
    });
    progress.scheduleAtFixedRate(() -> {
      double s = (System.nanoTime() - start) / 1e9;
      err.printf("\r%6.1f s  created %,d  bound %,d/%,d  %,.0f bound/s   ", s,
          podLoad.createdPerSecond().stream().mapToLong(Long::longValue).sum(), watcher.bound(), pods,
          watcher.bound() / Math.max(s, 1e-3));
      err.flush();
    }, 1, 1, TimeUnit.SECONDS);
    try {
      podLoad.createPods(name, pods, i -> watcher.creating(ObjectLoad.podName(i), System.nanoTime()),
          start);
      podLoad.drain(concurrency, timeoutSeconds, TimeUnit.SECONDS);
      long createdAt = System.nanoTime();
      boolean complete = watcher.awaitAllBound(timeoutSeconds, TimeUnit.SECONDS);
      long cpuNanos = processCpuNanos() - cpuStart;
      Map<String, Double> cpuByThreads = cpuByThreads(threadsAtStart, threadCpu.snapshot(), cpuNanos);
      double cpuMillisPerPod = cpuNanos / 1e6 / pods;
      progress.shutdownNow();
      err.println();
      return result(name, start, createdAt, complete, watcher, podLoad, scheduler, loadStart,
          cpuMillisPerPod, cpuByThreads, initSeconds);
    } finally {
      progress.shutdownNow();
    }
  }

  /**
   * Creates {@link #initPods} pods in {@code namespace} and waits until all are bound (not measured); answers the
   * seconds that took.
   */
  private double initialPods(KubeClient client, String namespace, PrintWriter err) throws Exception {
    client.resource(Kinds.NAMESPACES).create(Namespace.of(namespace));
    err.printf("creating %,d initial pods (not measured)%n", initPods);
    long t0 = System.nanoTime();
    try (BindWatcher initWatcher = new BindWatcher(client, namespace, initPods)) {
      if (!initWatcher.awaitSynced(60)) {
        throw new IllegalStateException("the watch of the initial pods did not sync within 60 s");
      }
      initWatcher.start(t0);
      ObjectLoad load = new ObjectLoad(client, concurrency);
      load.createPods(namespace, initPods, i -> {}, t0);
      load.drain(concurrency, timeoutSeconds, TimeUnit.SECONDS);
      if (load.errors() > 0 || !initWatcher.awaitAllBound(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the initial pods were not all created and bound: " + load.errors()
            + " create errors, " + initWatcher.bound() + " of " + initPods + " bound");
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    err.printf("%,d initial pods bound in %.1f s%n", initPods, seconds);
    return seconds;
  }

  private SchedRunResult result(String name, long start, long createdAt, boolean complete,
      BindWatcher watcher, ObjectLoad podLoad, KeelScheduler scheduler, double loadStart,
      double cpuMillisPerPod, Map<String, Double> cpuByThreads, double initSeconds) {
    double seconds = (watcher.lastBoundNanos() - start) / 1e9;
    double createSeconds = (createdAt - start) / 1e9;
    Histogram h = watcher.latencyMicros();
    SchedRunResult.Latency latency = new SchedRunResult.Latency(h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0);
    SchedRunResult.Machine machine = new SchedRunResult.Machine(
        Runtime.getRuntime().availableProcessors(), loadStart, loadAverage(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " "
            + ManagementFactory.getRuntimeMXBean().getInputArguments(),
        kubeconfig == null
            ? "in-JVM store + apiserver (store reached " + storeTransport.description + "), plain HTTP on loopback"
            : "kubeconfig " + kubeconfig);
    return new SchedRunResult(name, System.currentTimeMillis(), nodes, initPods, initSeconds, pods, complete,
        seconds,
        watcher.bound() / Math.max(seconds, 1e-9), createSeconds, pods / Math.max(createSeconds, 1e-9),
        latency, watcher.boundPerSecond(), podLoad.createdPerSecond(),
        scheduler.metrics().scheduledCount() - initPods, watcher.moved(), podLoad.errors(), cpuMillisPerPod,
        cpuByThreads,
        machine);
  }

  private void write(SchedRunResult r, PrintWriter err) throws Exception {
    Files.createDirectories(out);
    Path json = out.resolve(r.name() + ".json");
    Path png = out.resolve(r.name() + ".png");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), r);
    SchedChart.write(r, png);
    err.printf("%s: %,d/%,d pods bound on %,d nodes (after %,d initial pods) in %.1f s = %,.0f pods/s end to end"
            + " (creates took %.1f s = %,.0f/s); create-to-bound p50 %.0f ms p99 %.0f ms;"
            + " %d bindings, %d moved, %d create errors; %.2f ms CPU per pod;"
            + " load %.1f -> %.1f on %d cores%n",
        r.name(), (long) (r.podsPerSecond() * r.seconds() + 0.5), r.pods(), r.nodes(), r.initPods(), r.seconds(),
        r.podsPerSecond(), r.createSeconds(), r.createsPerSecond(), r.latencyMillis().p50(),
        r.latencyMillis().p99(), r.bindings(), r.moved(), r.createErrors(), r.cpuMillisPerPod(),
        r.machine().loadAverageStart(), r.machine().loadAverageEnd(), r.machine().cores());
    err.printf("CPU seconds by threads: %s%n", r.cpuSecondsByThreads());
    err.printf("wrote %s and %s%n", json, png);
    err.flush();
  }

  /**
   * CPU seconds of the measured phase by thread group, the largest first; "JIT, GC, ended threads" is what the process used
   * beyond its live Java threads (compiler and GC threads are not Java threads; threads that ended are not counted).
   */
  private static Map<String, Double> cpuByThreads(ThreadCpu.Snapshot from, ThreadCpu.Snapshot to, long processNanos) {
    Map<String, Double> groups = new LinkedHashMap<>(ThreadCpu.between(from, to, TOP_THREAD_GROUPS));
    double javaThreads = groups.values().stream().mapToDouble(Double::doubleValue).sum();
    groups.put("JIT, GC, ended threads", Math.round(Math.max(0, processNanos / 1e9 - javaThreads) * 10) / 10.0);
    return groups;
  }

  /** CPU time of this JVM so far (all threads, including those that ended). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
