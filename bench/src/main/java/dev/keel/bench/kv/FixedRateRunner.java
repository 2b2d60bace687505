package dev.keel.bench.kv;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load: request i is due at start + i / rate, sent then whatever the earlier ones are doing, and its
 * latency runs from when it was due (so a stalled server shows up in the figures instead of slowing the load:
 * no coordinated omission). At most {@code maxInFlight} requests are outstanding; a request due beyond that is
 * counted as an error ("overloaded") and not sent.
 */
final class FixedRateRunner {
  /** The request of one tick; {@code measured} is false during the warm-up. */
  interface Request {
    CompletableFuture<?> send(long dueNanos, boolean measured);
  }

  private FixedRateRunner() {}

  static Measured run(int rate, Duration warmup, Duration duration, int maxInFlight, Request request,
      ProgressSink progress) throws InterruptedException {
    long start = System.nanoTime();
    long measureStart = start + warmup.toNanos();
    long end = measureStart + duration.toNanos();
    double interval = 1e9 / rate;
    LatencyRecorder recorder = new LatencyRecorder(measureStart);
    progress.started(recorder, measureStart);
    Semaphore inFlight = new Semaphore(maxInFlight);
    AtomicLong lastDone = new AtomicLong(measureStart);
    for (long i = 0; ; i++) {
      long due = start + (long) (i * interval);
      if (due >= end) {
        break;
      }
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      boolean measured = due >= measureStart;
      if (!inFlight.tryAcquire()) {
        if (measured) {
          recorder.failures(1, "overloaded: " + maxInFlight + " requests in flight");
        }
        continue;
      }
      CompletableFuture<?> f;
      try {
        f = request.send(due, measured);
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete((v, e) -> {
        long now = System.nanoTime();
        inFlight.release();
        if (measured) {
          lastDone.accumulateAndGet(now, Math::max);
          if (e == null) {
            recorder.success(due, now);
          } else {
            recorder.failure(e);
          }
        }
      });
    }
    if (!inFlight.tryAcquire(maxInFlight, 60, TimeUnit.SECONDS)) {
      recorder.failures(maxInFlight - inFlight.availablePermits(), "no answer within 60 s after the run");
    }
    return recorder.finish(Math.max(end, lastDone.get()));
  }

  /** Lets the caller draw progress once the recorder exists. */
  interface ProgressSink {
    void started(LatencyRecorder recorder, long measureStartNanos);
  }
}
