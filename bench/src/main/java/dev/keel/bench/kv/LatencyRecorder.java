package dev.keel.bench.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records the measured requests of a run: latencies (microseconds, 3 significant digits) into
 * an HdrHistogram {@link Recorder} that many threads write without locking, and once a second
 * a timeline point (throughput and percentiles of that second). Callers decide what is measured
 * (nothing before the warm-up ends).
 */
final class LatencyRecorder implements AutoCloseable {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final Recorder recorder = new Recorder(3);
  private final LongAdder ok = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final ErrorKinds errorKinds = new ErrorKinds();
  private final long measureStart;
  private final ScheduledExecutorService ticker;

  /** Guards {@link #total}, {@link #timeline}, {@link #lastTick}; taken by the ticker and finish. */
  private final Object lock = new Object();
  private final Histogram total = new Histogram(3);
  private final List<TimelinePoint> timeline = new ArrayList<>();
  private long lastTick;

  /** Starts the once-a-second timeline at {@code measureStartNanos} ({@link System#nanoTime}). */
  LatencyRecorder(long measureStartNanos) {
    this.measureStart = measureStartNanos;
    this.lastTick = measureStartNanos;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "keel-bench-ticker");
      t.setDaemon(true);
      return t;
    });
    long firstTick = Math.max(0, measureStartNanos + SECOND - System.nanoTime());
    ticker.scheduleAtFixedRate(() -> tick(System.nanoTime()), firstTick, SECOND,
        TimeUnit.NANOSECONDS);
  }

  void success(long startNanos, long endNanos) {
    recorder.recordValue(Math.max(0, (endNanos - startNanos) / 1000));
    ok.increment();
  }

  void failure(Throwable failure) {
    errors.increment();
    errorKinds.add(failure);
  }

  /** {@code count} failures of one kind that have no exception (e.g. events never delivered). */
  void failures(long count, String kind) {
    if (count > 0) {
      errors.add(count);
      errorKinds.add(kind, count);
    }
  }

  long ok() {
    return ok.sum();
  }

  long errors() {
    return errors.sum();
  }

  private void tick(long now) {
    synchronized (lock) {
      Histogram interval = recorder.getIntervalHistogram();
      total.add(interval);
      double length = (now - lastTick) / 1e9;
      if (length <= 0) {
        return;
      }
      timeline.add(new TimelinePoint((now - measureStart) / 1e9,
          interval.getTotalCount() / length, Percentiles.ofMicros(interval)));
      lastTick = now;
    }
  }

  /** Stops the timeline and returns what was measured up to {@code endNanos}. */
  Measured finish(long endNanos) {
    close();
    synchronized (lock) {
      if (endNanos - lastTick > SECOND / 20) {
        tick(endNanos);
      } else {
        total.add(recorder.getIntervalHistogram());
      }
      double seconds = Math.max(0, (endNanos - measureStart) / 1e9);
      return new Measured(ok.sum(), errors.sum(), seconds, Percentiles.ofMicros(total),
          timeline, errorKinds.snapshot());
    }
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
