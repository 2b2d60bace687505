package dev.keel.bench.kv;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code keel-bench api}: the apiserver under load. Mutating calls (pod create, update, delete) at fixed rates,
 * then lists of many pods (from the watch cache at {@code resourceVersion=0}, as a consistent read, and gzipped).
 * Against {@code --url} (an apiserver's plain HTTP port) or a Keel it starts itself (store replicas + apiserver in
 * this process).
 */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description = {
        "Load a Keel apiserver: pod create/update/delete at fixed rates, then lists of many pods;"
            + " print a summary per step, write JSON, PNG charts and a Markdown table.",
        "Example: keel-bench api --replicas 3 --rates 100,500 --duration 30s --list-pods 10000 --out bench-out"})
final class ApiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--url", description = "An apiserver's plain HTTP URL; default: start Keel in this process.")
  String url;

  @Option(names = "--replicas", defaultValue = "3",
      description = "Store replicas of the Keel started here (default: ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--data-dir", description = "Data of the Keel started here (default: a temporary directory).")
  Path dataDir;

  @Option(names = "--rates", split = ",", defaultValue = "100,500",
      description = "Mutating requests per second, one step each (default: ${DEFAULT-VALUE}).")
  List<Integer> rates;

  @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
      description = "Measured time of each rate (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
      description = "Unmeasured time before each rate (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--max-in-flight", defaultValue = "512",
      description = "Outstanding requests beyond which a due request is an error (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--prime", defaultValue = "300",
      description = "Unmeasured pod requests, 8 at a time, before the first rate: JIT and caches warm up"
          + " (default: ${DEFAULT-VALUE}).")
  int prime;

  @Option(names = "--list-pods", defaultValue = "10000",
      description = "Pods created for the list steps; 0 skips them (default: ${DEFAULT-VALUE}).")
  int listPods;

  @Option(names = "--list-runs", defaultValue = "30",
      description = "Lists per list step (default: ${DEFAULT-VALUE}).")
  int listRuns;

  @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class,
      description = "Deadline of one request (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--label", defaultValue = "keel", description = "System measured (default: ${DEFAULT-VALUE}).")
  String label;

  @Option(names = "--out", description = "Directory for a JSON result and PNG chart per step, and apiserver.md.")
  Path out;

  @Option(names = "--no-progress", description = "Do not draw progress bars on stderr.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    if (rates.stream().anyMatch(r -> r <= 0) || listRuns <= 0 || listPods < 0) {
      throw new ParameterException(spec.commandLine(), "--rates and --list-runs must be positive");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    List<RunResult> results = new ArrayList<>();
    EmbeddedKeel keel = null;
    try {
      String base = url;
      if (base == null) {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("keel-bench-api");
        stdout.printf("starting Keel: %d store replica(s) and the apiserver, data in %s%n", replicas, dir);
        stdout.flush();
        keel = EmbeddedKeel.start(dir, replicas);
        base = keel.url();
      }
      ApiRequests api = new ApiRequests(base, timeout);
      for (String ns : List.of("bench-churn", "bench-list")) {
        api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + ns + "\"}}")
            .exceptionally(e -> null).get(30, TimeUnit.SECONDS);
      }
      prime(api);
      for (int rate : rates) {
        results.add(mutating(api, base, rate));
        report(results.get(results.size() - 1), stdout);
      }
      if (listPods > 0) {
        seed(api);
        for (ListVariant v : ListVariant.values()) {
          results.add(lists(api, base, v));
          report(results.get(results.size() - 1), stdout);
        }
      }
    } finally {
      if (keel != null) {
        keel.close();
      }
    }
    String table = ApiTable.markdown(results);
    stdout.println();
    stdout.println(table);
    if (out != null) {
      Files.createDirectories(out);
      Files.writeString(out.resolve("apiserver.md"), table);
    }
    stdout.flush();
    return results.stream().allMatch(r -> r.ok() > 0) ? 0 : 1;
  }

  private RunResult mutating(ApiRequests api, String base, int rate) throws InterruptedException {
    String name = "mutate-" + rate + "rps";
    PodChurn churn = new PodChurn(api, "bench-churn", "r" + rate);
    long startedAt = System.currentTimeMillis();
    ProgressBar[] bar = new ProgressBar[1];
    Measured m;
    try {
      m = FixedRateRunner.run(rate, warmup, duration, maxInFlight, churn::request, (recorder, measureStart) -> {
        if (!noProgress) {
          bar[0] = new ProgressBar(spec.commandLine().getErr(), label + " " + name, recorder::ok,
              recorder::errors, 0, measureStart, duration.toNanos());
        }
      });
    } finally {
      if (bar[0] != null) {
        bar[0].close();
      }
    }
    Map<String, String> options = new LinkedHashMap<>();
    options.put("endpoints", base);
    options.put("rate", Integer.toString(rate));
    options.put("duration", duration.toString());
    options.put("warmup", warmup.toString());
    options.put("replicas", url == null ? Integer.toString(replicas) : "external");
    return new RunResult(name, label, "api-mutate", startedAt, options, m.ok(), m.errors(), m.seconds(),
        m.throughput(), m.latency(), m.timeline(), m.errorKinds(), churn.verbCounters());
  }

  /** Unmeasured churn, 8 requests at a time, so the first measured step does not pay for JIT and cold caches. */
  private void prime(ApiRequests api) throws Exception {
    PodChurn churn = new PodChurn(api, "bench-churn", "prime");
    Semaphore window = new Semaphore(8);
    for (int i = 0; i < prime; i++) {
      window.acquire();
      churn.request(System.nanoTime(), false).whenComplete((v, e) -> window.release());
    }
    if (!window.tryAcquire(8, 120, TimeUnit.SECONDS)) {
      throw new IllegalStateException("priming did not finish in 120 s");
    }
  }

  /** Creates {@code listPods} pods in bench-list, 64 at a time. */
  private void seed(ApiRequests api) throws Exception {
    Semaphore window = new Semaphore(64);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    ProgressBar bar = noProgress ? null : new ProgressBar(spec.commandLine().getErr(),
        label + " creating " + listPods + " pods", ok::get, failed::get, listPods, start, 0);
    try {
      for (int i = 0; i < listPods; i++) {
        window.acquire();
        api.post("/api/v1/namespaces/bench-list/pods", ApiRequests.pod("listed-" + i, "listed"))
            .whenComplete((v, e) -> {
              if (e == null || e.getCause() instanceof ApiRequests.HttpStatusException h
                  && h.getMessage().startsWith("HTTP 409")) {
                ok.incrementAndGet();
              } else {
                failed.incrementAndGet();
              }
              window.release();
            });
      }
      if (!window.tryAcquire(64, 120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("creating the pods to list did not finish in 120 s");
      }
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " of " + listPods + " pod creates failed");
    }
  }

  /** The ways a list is asked for. */
  enum ListVariant {
    CACHE("rv0", "?resourceVersion=0", null),
    CONSISTENT("consistent", "", null),
    GZIP("consistent-gzip", "", "gzip");

    final String suffix;
    final String query;
    final String acceptEncoding;

    ListVariant(String suffix, String query, String acceptEncoding) {
      this.suffix = suffix;
      this.query = query;
      this.acceptEncoding = acceptEncoding;
    }
  }

  private RunResult lists(ApiRequests api, String base, ListVariant v) throws Exception {
    String name = "list-" + listPods + "-" + v.suffix;
    String path = "/api/v1/namespaces/bench-list/pods" + v.query;
    checkCount(api, "/api/v1/namespaces/bench-list/pods"); // consistent: rv=0 may lag behind the last create
    for (int i = 0; i < 3; i++) { // unmeasured: the followers and the watch cache digest the seeding meanwhile
      api.send("GET", path, null, null, v.acceptEncoding).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    long startedAt = System.currentTimeMillis();
    long measureStart = System.nanoTime();
    LatencyRecorder recorder = new LatencyRecorder(measureStart);
    long bytes = 0;
    try (ProgressBar bar = noProgress ? null : new ProgressBar(spec.commandLine().getErr(), label + " " + name,
        recorder::ok, recorder::errors, listRuns, measureStart, 0)) {
      for (int i = 0; i < listRuns; i++) {
        long t0 = System.nanoTime();
        try {
          byte[] body = api.send("GET", path, null, null, v.acceptEncoding).get(timeout.toMillis(),
              TimeUnit.MILLISECONDS);
          recorder.success(t0, System.nanoTime());
          bytes = body.length;
        } catch (Exception e) {
          recorder.failure(e);
        }
      }
    }
    Measured m = recorder.finish(System.nanoTime());
    Map<String, String> options = new LinkedHashMap<>();
    options.put("endpoints", base);
    options.put("pods", Integer.toString(listPods));
    options.put("query", v.query.isEmpty() ? "(none)" : v.query);
    options.put("accept-encoding", v.acceptEncoding == null ? "(none)" : v.acceptEncoding);
    return new RunResult(name, label, "api-list", startedAt, options, m.ok(), m.errors(), m.seconds(),
        m.throughput(), m.latency(), m.timeline(), m.errorKinds(), Map.of("response-bytes", bytes));
  }

  private void checkCount(ApiRequests api, String path) throws Exception {
    byte[] body = api.send("GET", path, null, null, null).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    int items = new ObjectMapper().readTree(body).path("items").size();
    if (items != listPods) {
      throw new IllegalStateException("the list has " + items + " pods, expected " + listPods);
    }
  }

  private void report(RunResult r, PrintWriter stdout) {
    Summary.print(r, stdout);
    if (out != null) {
      new ResultFiles().write(r, out.resolve(r.name() + ".json"));
      RunChart.write(r, out.resolve(r.name() + ".png"));
      stdout.println("  JSON, chart: " + out.resolve(r.name() + ".{json,png}"));
    }
    stdout.flush();
  }

}
