package dev.keel.bench.soak;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Takes a {@link SoakSample} every second from the process readings, the cluster view, the API
 * probe and the Lease lag, and redraws one progress line on stderr: before the hold pods
 * created/bound/running (and per second), during the hold Ready nodes, CPU, heap and probe
 * latencies.
 */
final class Sampler implements AutoCloseable {
  private final ProcessReadings process;
  private final ClusterView view;
  private final ApiProbe probe;
  private final LeaseLag leases;
  private final PrintWriter err;
  private final int expectedPods;
  private final long startNanos;
  private final Periodic timer;
  /** Guards the fields below. */
  private final Object lock = new Object();
  private final List<SoakSample> samples = new ArrayList<>();
  private String phase = "nodes";
  private long holdStartNanos;
  private long holdNanos;

  Sampler(ProcessReadings process, ClusterView view, ApiProbe probe, LeaseLag leases,
      PrintWriter err, int expectedPods, long startNanos) {
    this.process = process;
    this.view = view;
    this.probe = probe;
    this.leases = leases;
    this.err = err;
    this.expectedPods = expectedPods;
    this.startNanos = startNanos;
    this.timer = new Periodic("keel-bench-sampler", 1, 1, TimeUnit.SECONDS, this::sample);
  }

  /** From now on samples belong to {@code name} ("nodes": the fleet starts; "ramp": pods start). */
  void phase(String name) {
    synchronized (lock) {
      phase = name;
    }
  }

  /** From now on samples belong to the hold, which lasts {@code nanos}. */
  void hold(long nanos) {
    synchronized (lock) {
      phase = "hold";
      holdStartNanos = System.nanoTime();
      holdNanos = nanos;
    }
  }

  private void sample() {
    int[] n = view.nodeCounts();
    int[] p = view.podCounts();
    double[] api = probe.latestMillis();
    LeaseLag.Reading lag = leases.latest();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    SoakSample s;
    SoakSample previous;
    long holdLeft;
    synchronized (lock) {
      s = new SoakSample(round(seconds), phase, round(process.cpuPercent()),
          round(process.heapAfterGcMib()), round(process.loadAverage()), process.openFiles(), n[0], n[1], p[0], p[1], p[2],
          round(api[0]), round(api[1]), round(api[2]), lag == null ? Double.NaN : round(lag.maxSeconds()),
          lag == null ? Double.NaN : round(lag.p99Seconds()));
      previous = samples.isEmpty() ? null : samples.get(samples.size() - 1);
      samples.add(s);
      holdLeft = holdNanos - (System.nanoTime() - holdStartNanos);
    }
    err.print("\r" + line(s, previous, holdLeft));
    err.flush();
  }

  private String line(SoakSample s, SoakSample prev, long holdLeftNanos) {
    if (!"hold".equals(s.phase())) {
      return String.format(Locale.ROOT,
          "%6.0f s  %s: created %,d (+%d/s)  bound %,d (+%d/s)  running %,d/%,d (+%d/s)"
              + "  nodes ready %,d/%,d  cpu %.0f%%  heap %.0f MiB  fds %,d   ",
          s.seconds(), s.phase(), s.pods(), prev == null ? 0 : s.pods() - prev.pods(), s.bound(),
          prev == null ? 0 : s.bound() - prev.bound(), s.running(), expectedPods,
          prev == null ? 0 : s.running() - prev.running(), s.readyNodes(), s.nodes(), s.cpuPercent(),
          s.heapAfterGcMib(), s.openFiles());
    }
    return String.format(Locale.ROOT,
        "%6.0f s  hold (%.0f s left): running %,d/%,d  nodes ready %,d/%,d  cpu %.0f%%  heap %.0f MiB"
            + "  get %.0f list %.0f patch %.0f ms  lease lag max %.1f s   ",
        s.seconds(), Math.max(0, holdLeftNanos / 1e9), s.running(), expectedPods, s.readyNodes(),
        s.nodes(), s.cpuPercent(), s.heapAfterGcMib(), s.getMillis(), s.listMillis(),
        s.patchMillis(), s.leaseLagMaxSeconds());
  }

  private static double round(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 10) / 10.0;
  }

  List<SoakSample> samples() {
    synchronized (lock) {
      return List.copyOf(samples);
    }
  }

  /** The latest sample, null before the first. */
  SoakSample latest() {
    synchronized (lock) {
      return samples.isEmpty() ? null : samples.get(samples.size() - 1);
    }
  }

  @Override
  public void close() {
    timer.close();
    err.println();
    err.flush();
  }
}
