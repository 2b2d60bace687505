package dev.keel.bench.soak;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run on a daemon thread of its own every {@code period} (fixed delay: a slow round delays
 * the next instead of piling up), so the run's sampler, API probe and Lease reader never wait for
 * each other. {@link #close()} stops it and waits (bounded) for a running round.
 */
final class Periodic implements AutoCloseable {
  private final ScheduledExecutorService timer;

  Periodic(String thread, long initialDelay, long period, TimeUnit unit, Runnable task) {
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, thread);
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(task, initialDelay, period, unit);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
