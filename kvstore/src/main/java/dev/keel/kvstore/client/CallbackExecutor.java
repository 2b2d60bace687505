package dev.keel.kvstore.client;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that run local servers' answers ({@code keel-kvclient-callback-N}): one worker per
 * CPU taking from one queue, so that a burst of answers wakes a worker once rather than once per
 * answer (a cached pool, grpc-java's default, hands each task to a thread of its own; measured:
 * about a third more CPU on these threads and more on the store threads that wake them).
 *
 * <p>Callbacks may block: a watch listener waits for something, a continuation waits for another
 * call of the same client, whose answer is queued here. So a watchdog on the client's timer adds
 * a worker whenever answers are queued and none was run for a tick, and gives the extra workers
 * back once the queue is empty (they end after idling). A blocked callback delays the others by
 * at most about a tick; it never deadlocks them.
 */
final class CallbackExecutor implements Executor, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CallbackExecutor.class);
  private static final long TICK_MILLIS = 100;
  private static final long CLOSE_WAIT_SECONDS = 2;

  private final int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
  private final ThreadPoolExecutor pool;
  private final ScheduledFuture<?> watchdog;
  /** Completed tasks at the last tick; touched by the watchdog only. */
  private long lastCompleted;

  CallbackExecutor(ScheduledExecutorService timer) {
    AtomicInteger threads = new AtomicInteger();
    // Beyond the core size the pool grows only through the watchdog (the queue is unbounded).
    pool = new ThreadPoolExecutor(workers, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "keel-kvclient-callback-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    watchdog = timer.scheduleWithFixedDelay(this::check, TICK_MILLIS, TICK_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(task);
  }

  private void check() {
    long completed = pool.getCompletedTaskCount();
    boolean stalled = !pool.getQueue().isEmpty() && completed == lastCompleted;
    lastCompleted = completed;
    int core = pool.getCorePoolSize();
    if (stalled) {
      log.debug("store client callbacks stalled; adding worker {}", core + 1);
      pool.setCorePoolSize(core + 1);
    } else if (core > workers && pool.getQueue().isEmpty()) {
      pool.setCorePoolSize(workers);
    }
  }

  /** Runs what is queued (for at most a few seconds) and stops. */
  @Override
  public void close() {
    watchdog.cancel(false);
    pool.shutdown();
    try {
      if (!pool.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("store client callbacks still running {} s after close", CLOSE_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
