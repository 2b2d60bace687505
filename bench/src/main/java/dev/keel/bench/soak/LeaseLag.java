package dev.keel.bench.soak;

import dev.keel.api.client.KubeClient;
import dev.keel.api.client.ListOptions;
import dev.keel.api.coordination.Lease;
import dev.keel.api.kinds.Kinds;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Node heartbeat health as the apiserver sees it: every {@code period} lists the Leases in
 * {@code kube-node-lease} and computes, over the fleet's nodes, the renewal lag {@code now -
 * spec.renewTime} (its maximum and 99th percentile, seconds) and how many Leases there are. With
 * a renewal every 10 s a healthy fleet shows a lag of at most about 10 s; the node lifecycle
 * controller marks a node Unknown at 40 s.
 */
final class LeaseLag implements AutoCloseable {
  static final String NAMESPACE = "kube-node-lease";

  /** One reading: when, how many fleet Leases, lag max and p99 (s), how long the LIST took (ms). */
  record Reading(long atMillis, int leases, double maxSeconds, double p99Seconds, double listMillis) {}

  private final KubeClient client;
  private final String nodePrefix;
  private final Periodic timer;
  private volatile Reading latest;
  private volatile String lastError;

  LeaseLag(KubeClient client, String nodePrefix, long periodSeconds) {
    this.client = client;
    this.nodePrefix = nodePrefix;
    this.timer = new Periodic("keel-bench-lease-lag", 0, periodSeconds, TimeUnit.SECONDS, this::read);
  }

  private void read() {
    long start = System.nanoTime();
    try {
      var leases = client.resource(Kinds.LEASES).listAll(NAMESPACE, ListOptions.all().withLimit(1000))
          .items();
      double listMillis = (System.nanoTime() - start) / 1e6;
      Instant now = Instant.now();
      double[] lags = leases.stream()
          .filter(l -> l.metadata().name().startsWith(nodePrefix))
          .map(Lease::spec)
          .filter(s -> s != null && s.renewTime() != null)
          .mapToDouble(s -> (now.toEpochMilli() - s.renewTime().toEpochMilli()) / 1000.0)
          .sorted().toArray();
      latest = lags.length == 0 ? null : new Reading(now.toEpochMilli(), lags.length,
          lags[lags.length - 1], percentile(lags, 99), listMillis);
    } catch (RuntimeException e) {
      lastError = e.toString();
    }
  }

  /** Nearest-rank percentile of sorted values (0 if none). */
  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** The latest reading, null before the first one that found a fleet Lease. */
  Reading latest() {
    return latest;
  }

  String lastError() {
    return lastError;
  }

  @Override
  public void close() {
    timer.close();
  }
}
