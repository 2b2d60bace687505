package dev.keel.bench.soak;

import dev.keel.api.client.KubeClient;
import dev.keel.api.client.ListOptions;
import dev.keel.api.client.PatchType;
import dev.keel.api.coordination.Lease;
import dev.keel.api.coordination.LeaseSpec;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.bench.kv.Percentiles;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The API latency probe: once a second, one after the other, a GET of a fleet node, a LIST of one
 * Deployment's pods by label selector with {@code limit=500}, and a merge PATCH of a probe Lease in
 * the run's namespace, each timed from request to decoded answer on a client of its own (so the
 * fleet's queued requests do not count). Keeps the latest latency of each call for the per-second
 * samples and, once {@link #measure} is on, histograms (microseconds) and failures of the hold
 * (before, a GET of a node not yet registered may fail).
 */
final class ApiProbe implements AutoCloseable {
  static final String PROBE_LEASE = "soak-probe";

  private final KubeClient client;
  private final String namespace;
  private final String podSelector;
  private final Supplier<String> nodeName;
  private final Periodic timer;
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong round = new AtomicLong();
  /** Guards the histograms, the latest latencies and {@link #measuring}. */
  private final Object lock = new Object();
  private final Histogram get = new Histogram(3);
  private final Histogram list = new Histogram(3);
  private final Histogram patch = new Histogram(3);
  private final Histogram all = new Histogram(3);
  private double[] latestMillis = {Double.NaN, Double.NaN, Double.NaN};
  private boolean measuring;
  private String lastError;

  /** Latency percentiles (ms) of the hold: each call, and the three together. */
  record Result(Percentiles get, Percentiles list, Percentiles patch, Percentiles all, long errors,
      String lastError) {}

  ApiProbe(KubeClient client, String namespace, String podSelector, Supplier<String> nodeName) {
    this.client = client;
    this.namespace = namespace;
    this.podSelector = podSelector;
    this.nodeName = nodeName;
    client.resource(Kinds.LEASES).create(Lease.of(ObjectMeta.of(namespace, PROBE_LEASE),
        new LeaseSpec("keel-bench", 10, null, null, null, Map.of())));
    this.timer = new Periodic("keel-bench-api-probe", 1, 1, TimeUnit.SECONDS, this::probe);
  }

  /** From now on the latencies count for the result. */
  void measure() {
    synchronized (lock) {
      measuring = true;
    }
  }

  private void probe() {
    long n = round.incrementAndGet();
    double g = timed(get, 0, () -> client.nodes().get(null, nodeName.get()));
    double l = timed(list, 1, () -> client.pods().list(namespace,
        ListOptions.all().withLabelSelector(podSelector).withLimit(500)));
    double p = timed(patch, 2, () -> client.resource(Kinds.LEASES).patch(namespace, PROBE_LEASE,
        PatchType.MERGE, "{\"metadata\":{\"annotations\":{\"keel.dev/probe\":\"" + n + "\"}}}"));
    synchronized (lock) {
      latestMillis = new double[] {g, l, p};
    }
  }

  private double timed(Histogram h, int slot, Runnable call) {
    long start = System.nanoTime();
    try {
      call.run();
    } catch (RuntimeException e) {
      synchronized (lock) {
        if (measuring) {
          errors.incrementAndGet();
          lastError = e.toString();
        }
      }
      return Double.NaN;
    }
    long micros = (System.nanoTime() - start) / 1000;
    synchronized (lock) {
      if (measuring) {
        h.recordValue(micros);
        all.recordValue(micros);
      }
    }
    return micros / 1000.0;
  }

  /** The latest GET, LIST and PATCH latencies, ms (NaN: failed or none yet). */
  double[] latestMillis() {
    synchronized (lock) {
      return latestMillis.clone();
    }
  }

  Result result() {
    synchronized (lock) {
      return new Result(Percentiles.ofMicros(get), Percentiles.ofMicros(list),
          Percentiles.ofMicros(patch), Percentiles.ofMicros(all), errors.get(), lastError);
    }
  }

  @Override
  public void close() {
    timer.close();
  }
}
