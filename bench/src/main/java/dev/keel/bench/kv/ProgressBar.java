package dev.keel.bench.kv;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr, redrawn five times a second with a carriage return:
 * {@code put-64 [#########.........]  47%  12345 ok  0 err  6170/s}. Progress is the larger of
 * requests done out of {@code total} and time passed out of {@code duration}.
 */
final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String title;
  private final LongSupplier ok;
  private final LongSupplier errors;
  private final long total;
  private final long startNanos;
  private final long durationNanos;
  private final ScheduledExecutorService timer;

  /**
   * @param startNanos when measuring starts ({@link System#nanoTime}); before that the bar says
   *     "warming up"
   * @param total requests of the run, 0 if it is bounded by time only
   * @param durationNanos measured time, 0 if bounded by requests only
   */
  ProgressBar(PrintWriter err, String title, LongSupplier ok, LongSupplier errors, long total,
      long startNanos, long durationNanos) {
    this.err = err;
    this.title = title;
    this.ok = ok;
    this.errors = errors;
    this.total = total;
    this.startNanos = startNanos;
    this.durationNanos = durationNanos;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "keel-bench-progress");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::draw, 0, 200, TimeUnit.MILLISECONDS);
  }

  private void draw() {
    err.print("\r" + line(System.nanoTime()));
    err.flush();
  }

  String line(long now) {
    if (now < startNanos) {
      return String.format("%s warming up (%.1f s left)%20s", title, (startNanos - now) / 1e9, "");
    }
    long done = ok.getAsLong() + errors.getAsLong();
    double fraction = 0;
    if (total > 0) {
      fraction = Math.max(fraction, (double) done / total);
    }
    if (durationNanos > 0) {
      fraction = Math.max(fraction, (double) (now - startNanos) / durationNanos);
    }
    fraction = Math.min(1, fraction);
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    return String.format("%s [%s%s] %3d%%  %d ok  %d err  %.0f/s   ", title,
        "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(fraction * 100),
        ok.getAsLong(), errors.getAsLong(), ok.getAsLong() / seconds);
  }

  /** Stops redrawing, draws the final state and ends the line. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    draw();
    err.println();
    err.flush();
  }
}
