package dev.keel.bench.pods;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keel.api.client.ClientConfig;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.Kubeconfig;
import dev.keel.api.core.Container;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.cli.up.KeelUp;
import dev.keel.cli.up.UpConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keel-bench pods}: pod startup latency, as Kubernetes' pod startup SLO measures it: from
 * the create request to {@code status.phase} Running seen by a watch, with real pods
 * ({@code sleep 3600} processes of the process runtime). Starts the whole of Keel in this JVM
 * ({@link KeelUp}: store, apiserver, controller-manager, scheduler, one node agent) unless given a
 * kubeconfig; creates the pods with a bounded number of requests in flight, then deletes them and
 * waits until they are gone. Writes a JSON result and a PNG chart.
 */
@Command(
    name = "pods",
    mixinStandardHelpOptions = true,
    description = "Pod startup latency: create -> Running seen by a watch, process runtime.")
public final class PodsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--pods", defaultValue = "100", description = "Pods to start (default: ${DEFAULT-VALUE}).")
  int pods;

  @Option(names = "--concurrency", defaultValue = "10",
      description = "Create requests in flight (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--replicas", defaultValue = "1",
      description = "Store replicas of the in-JVM Keel, 1 or 3 (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--kubeconfig",
      description = "Use this running Keel instead of starting one in this JVM.")
  Path kubeconfig;

  @Option(names = "--out", defaultValue = "bench-results/pods",
      description = "Directory of the JSON result and PNG chart (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--timeout", defaultValue = "300",
      description = "Give up waiting (for Running, for deletion) after this many seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    String name = "pods-" + pods + "-" + stamp;
    Path tempDir = null;
    KeelUp up = null;
    try {
      Path config = kubeconfig;
      if (config == null) {
        tempDir = Files.createTempDirectory("keel-bench-pods");
        err.println("starting Keel (" + replicas + " store replica(s), process runtime) in " + tempDir);
        err.flush();
        up = new KeelUp(new UpConfig(tempDir, replicas, 23790, 17443, "node-1", "127.101.9.0/24",
            Duration.ofSeconds(40), Duration.ofSeconds(300), true)).start();
        config = up.kubeconfig();
      }
      ClientConfig target = Kubeconfig.load(config);
      try (KubeClient client = KubeClient.create(target.withMaxRequestsInFlight(concurrency))) {
        PodsRunResult r = run(name, client, err);
        write(r, err);
        return r.complete() && r.allDeleted() && r.createErrors() == 0 ? 0 : 1;
      }
    } finally {
      if (up != null) {
        up.close();
      }
      if (tempDir != null) {
        deleteTree(tempDir);
      }
    }
  }

  static Pod pod(String namespace, String name) {
    Container c = Container.builder().name("sleep").image("busybox")
        .command(List.of("sleep", "3600")).build();
    return Pod.of(ObjectMeta.of(namespace, name), PodSpec.builder().containers(List.of(c)).build());
  }

  private PodsRunResult run(String name, KubeClient client, PrintWriter err) throws Exception {
    double loadStart = loadAverage();
    client.resource(Kinds.NAMESPACES).create(Namespace.of(name));
    try (RunningWatcher watcher = new RunningWatcher(client, name, pods)) {
      if (!watcher.awaitSynced(Duration.ofSeconds(60))) {
        throw new IllegalStateException("the pod watch did not sync within 60 s");
      }
      Semaphore inFlight = new Semaphore(concurrency);
      AtomicLong errors = new AtomicLong();
      err.printf("creating %d pods (sleep 3600), %d in flight%n", pods, concurrency);
      long start = System.nanoTime();
      boolean complete;
      long lastRunning;
      try (AutoCloseable progress = progress(err, start, "Running", watcher::running)) {
        for (int i = 0; i < pods; i++) {
          inFlight.acquire();
          String pod = podName(i);
          watcher.creating(pod, System.nanoTime());
          client.pods().createAsync(pod(name, pod)).whenComplete((v, e) -> {
            inFlight.release();
            if (e != null) {
              errors.incrementAndGet();
              err.printf("%ncreate %s failed: %s%n", pod, e);
            }
          });
        }
        complete = watcher.awaitAllRunning(timeoutSeconds, TimeUnit.SECONDS);
      }
      err.println();
      Map<String, long[]> timings = watcher.timings();
      lastRunning = timings.values().stream().mapToLong(t -> t[1]).max().orElse(start);
      double seconds = (lastRunning - start) / 1e9;

      err.printf("deleting %d pods%n", pods);
      long deleteStart = System.nanoTime();
      boolean allDeleted;
      try (AutoCloseable progress = progress(err, deleteStart, "left", () -> watcher.present())) {
        for (int i = 0; i < pods; i++) {
          inFlight.acquire();
          client.pods().deleteAsync(name, podName(i), DeleteOptions.defaults())
              .whenComplete((v, e) -> inFlight.release());
        }
        allDeleted = await(() -> watcher.present() == 0, timeoutSeconds);
      }
      err.println();
      double deleteSeconds = (System.nanoTime() - deleteStart) / 1e9;

      Histogram h = new Histogram(3);
      List<PodsRunResult.Sample> samples = new ArrayList<>();
      timings.entrySet().stream().sorted(Comparator.comparingLong(e -> e.getValue()[0]))
          .forEach(e -> {
            long micros = Math.max(0, (e.getValue()[1] - e.getValue()[0]) / 1000);
            h.recordValue(micros);
            samples.add(new PodsRunResult.Sample(e.getKey(), (e.getValue()[0] - start) / 1e6,
                micros / 1000.0));
          });
      PodsRunResult.Latency latency = new PodsRunResult.Latency(h.getValueAtPercentile(50) / 1000.0,
          h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
          h.getMaxValue() / 1000.0);
      PodsRunResult.Machine machine = new PodsRunResult.Machine(
          Runtime.getRuntime().availableProcessors(), loadStart, loadAverage(),
          System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
          kubeconfig == null ? "keel up in this JVM (process runtime, HTTPS on loopback)"
              : "kubeconfig " + kubeconfig);
      return new PodsRunResult(name, System.currentTimeMillis(), pods, concurrency, replicas, complete,
          timings.size(), seconds, timings.size() / Math.max(seconds, 1e-9), latency, samples,
          errors.get(), deleteSeconds, allDeleted, machine);
    }
  }

  static String podName(int i) {
    return "pod-" + i;
  }

  private AutoCloseable progress(PrintWriter err, long start, String what, LongSupplier count) {
    ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "keel-bench-progress");
      t.setDaemon(true);
      return t;
    });
    ex.scheduleAtFixedRate(() -> {
      err.printf("\r%6.1f s  %s %d/%d   ", (System.nanoTime() - start) / 1e9, what, count.getAsLong(), pods);
      err.flush();
    }, 1, 1, TimeUnit.SECONDS);
    return ex::shutdownNow;
  }

  /** Polls {@code done} every 50 ms until it holds or {@code seconds} pass. */
  private static boolean await(java.util.function.BooleanSupplier done, long seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private void write(PodsRunResult r, PrintWriter err) throws IOException {
    Files.createDirectories(out);
    Path json = out.resolve(r.name() + ".json");
    Path png = out.resolve(r.name() + ".png");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), r);
    PodsChart.write(r, png);
    err.printf("%s: %d/%d pods Running in %.1f s = %.1f pods/s; create -> Running p50 %.0f ms,"
            + " p90 %.0f ms, p99 %.0f ms, max %.0f ms; %d create errors; deleted in %.1f s (%s);"
            + " load %.1f -> %.1f on %d cores%n",
        r.name(), r.running(), r.pods(), r.seconds(), r.podsPerSecond(), r.latencyMillis().p50(),
        r.latencyMillis().p90(), r.latencyMillis().p99(), r.latencyMillis().max(), r.createErrors(),
        r.deleteSeconds(), r.allDeleted() ? "all gone" : "NOT all gone", r.machine().loadAverageStart(),
        r.machine().loadAverageEnd(), r.machine().cores());
    err.printf("wrote %s and %s%n", json, png);
    err.flush();
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
