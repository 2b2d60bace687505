package dev.keel.bench.kv;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The mutating workload of {@code keel-bench api}: requests cycle through create, update (a merge patch of a label)
 * and delete of pods in one namespace, each update and delete on a pod an earlier request created (a create
 * stands in while none is ready). Latencies are also kept per verb.
 */
final class PodChurn {
  private final ApiRequests api;
  private final String pods;
  private final String run;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong names = new AtomicLong();
  private final Queue<String> created = new ConcurrentLinkedQueue<>();
  private final Queue<String> updated = new ConcurrentLinkedQueue<>();
  private final Map<String, Recorder> byVerb = new ConcurrentHashMap<>();

  PodChurn(ApiRequests api, String namespace, String run) {
    this.api = api;
    this.pods = "/api/v1/namespaces/" + namespace + "/pods";
    this.run = run;
  }

  /** One request; {@code measured} requests add their latency (from {@code dueNanos}) to the per-verb figures. */
  CompletableFuture<?> request(long dueNanos, boolean measured) {
    long k = next.getAndIncrement() % 3;
    String name;
    if (k == 2 && (name = updated.poll()) != null) {
      return timed("delete", dueNanos, measured, api.send("DELETE", pods + "/" + name, null, null, null));
    }
    if (k >= 1 && (name = created.poll()) != null) {
      String n = name;
      return timed("update", dueNanos, measured, api.send("PATCH", pods + "/" + n,
          "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"rev\":\"" + dueNanos + "\"}}}", null))
          .thenRun(() -> updated.add(n));
    }
    String n = run + "-" + names.getAndIncrement();
    return timed("create", dueNanos, measured, api.post(pods, ApiRequests.pod(n, "churn")))
        .thenRun(() -> created.add(n));
  }

  private CompletableFuture<byte[]> timed(String verb, long due, boolean measured, CompletableFuture<byte[]> f) {
    if (!measured) {
      return f;
    }
    return f.whenComplete((v, e) -> {
      if (e == null) {
        byVerb.computeIfAbsent(verb, x -> new Recorder(3)).recordValue((System.nanoTime() - due) / 1000);
      }
    });
  }

  /** p50 and p99 per verb in microseconds, e.g. {@code create-p99-us}. */
  Map<String, Long> verbCounters() {
    Map<String, Long> out = new java.util.TreeMap<>();
    byVerb.forEach((verb, r) -> {
      Histogram h = r.getIntervalHistogram();
      out.put(verb + "-count", h.getTotalCount());
      out.put(verb + "-p50-us", h.getValueAtPercentile(50));
      out.put(verb + "-p99-us", h.getValueAtPercentile(99));
    });
    return out;
  }
}
