package dev.keel.bench.kv;

import dev.keel.kvstore.client.KvClient;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Runs {@code clients} closed loops: each sends a request and, when the reply arrives, the next
 * one, so exactly {@code clients} requests are in flight (etcd's benchmark tool works the same
 * way, with goroutines). Loops run on the gRPC callback threads, not on threads of their own.
 * A request counts as measured when it was sent after the warm-up; the run ends when
 * {@code total} measured requests were sent or the measured time is over, and all replies are in.
 */
final class ClosedLoopRunner implements LoadRun {
  private final int clients;
  private final long total;
  private final long warmupNanos;
  private final long durationNanos;
  private final long timeoutNanos;
  private final Operation operation;
  private final IntFunction<KvClient> connection;
  private final Executor trampoline = ForkJoinPool.commonPool();

  private final AtomicLong issued = new AtomicLong();
  private final AtomicLong lastReply = new AtomicLong();
  private volatile boolean stopped;
  private CountDownLatch running;
  private LatencyRecorder recorder;
  private long measureStart;
  private long deadline;

  /**
   * @param connection the client (connection) loop i uses
   * @param timeoutNanos one request's deadline; bounds the wait for the last replies
   */
  ClosedLoopRunner(LoadSpec spec, Operation operation,
      IntFunction<KvClient> connection) {
    this.clients = spec.clients();
    this.total = spec.total();
    this.warmupNanos = spec.warmup().toNanos();
    this.durationNanos = spec.duration().toNanos();
    this.timeoutNanos = spec.timeout().toNanos();
    this.operation = operation;
    this.connection = connection;
  }

  /** Starts the loops; call {@link #await} next. */
  @Override
  public LatencyRecorder start() {
    long begin = System.nanoTime();
    measureStart = begin + warmupNanos;
    deadline = durationNanos > 0 ? measureStart + durationNanos : Long.MAX_VALUE;
    lastReply.set(measureStart);
    recorder = new LatencyRecorder(measureStart);
    running = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      next(c, new SplittableRandom(0x5eed + c));
    }
    return recorder;
  }

  @Override
  public long measureStart() {
    return measureStart;
  }

  /**
   * Waits until every loop has stopped, at most the run's time plus a request timeout plus 10 s
   * (an hour stands in for the time of a run bounded by requests only); then stops the loops.
   */
  @Override
  public Measured await() throws InterruptedException {
    long bound = warmupNanos + (durationNanos > 0 ? durationNanos : TimeUnit.HOURS.toNanos(1))
        + timeoutNanos + TimeUnit.SECONDS.toNanos(10);
    boolean finished = running.await(bound, TimeUnit.NANOSECONDS);
    stopped = true;
    if (!finished) {
      recorder.failure(new IllegalStateException("run did not finish within "
          + TimeUnit.NANOSECONDS.toSeconds(bound) + " s; stopped"));
    }
    return recorder.finish(lastReply.get());
  }

  @Override
  public Map<String, Long> counters() {
    return operation.counters();
  }

  private void next(int client, SplittableRandom random) {
    long start = System.nanoTime();
    if (stopped || start >= deadline) {
      running.countDown();
      return;
    }
    boolean measured = start >= measureStart;
    if (measured && total > 0 && issued.incrementAndGet() > total) {
      running.countDown();
      return;
    }
    CompletableFuture<?> reply;
    try {
      reply = operation.start(connection.apply(client), random);
    } catch (RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    if (reply.isDone()) {
      // Completed on this thread: continue on another one instead of growing this stack.
      reply.whenCompleteAsync((r, failure) -> done(client, random, measured, start, failure),
          trampoline);
    } else {
      reply.whenComplete((r, failure) -> done(client, random, measured, start, failure));
    }
  }

  private void done(int client, SplittableRandom random, boolean measured, long start,
      Throwable failure) {
    long end = System.nanoTime();
    if (measured) {
      if (failure == null) {
        recorder.success(start, end);
      } else {
        recorder.failure(failure);
      }
      lastReply.accumulateAndGet(end, Math::max);
    }
    next(client, random);
  }
}
