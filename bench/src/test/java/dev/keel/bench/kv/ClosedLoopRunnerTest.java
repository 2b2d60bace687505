package dev.keel.bench.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.kvstore.client.KvClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The closed loop's own bookkeeping, with an operation that answers from a local executor (no
 * server involved): counts, the in-flight bound and error kinds.
 */
class ClosedLoopRunnerTest {
  private final ExecutorService replies = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() throws InterruptedException {
    replies.shutdownNow();
    replies.awaitTermination(5, TimeUnit.SECONDS);
  }

  private static LoadSpec spec(int clients, long total) {
    return new LoadSpec(Workload.PUT, List.of("127.0.0.1:1"), clients, 1, total, Duration.ZERO,
        Duration.ZERO, 8, 8, 1000, false, 100, Duration.ofSeconds(5));
  }

  /** Answers after a short pause; every 10th request fails; tracks the most in flight. */
  private final class LocalOperation implements Operation {
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final Map<String, Integer> peak = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<?> start(KvClient client, SplittableRandom random) {
      int n = started.incrementAndGet();
      peak.merge("max", inFlight.incrementAndGet(), Math::max);
      return CompletableFuture.supplyAsync(() -> {
        inFlight.decrementAndGet();
        if (n % 10 == 0) {
          throw new IllegalStateException("refused");
        }
        return n;
      }, CompletableFuture.delayedExecutor(200, TimeUnit.MICROSECONDS, replies));
    }
  }

  @Test
  void sendsExactlyTotalMeasuredRequestsWithClientsInFlight() throws Exception {
    LocalOperation op = new LocalOperation();
    ClosedLoopRunner runner = new ClosedLoopRunner(spec(8, 2000), op, i -> null);
    runner.start();
    Measured m = runner.await();
    assertEquals(2000, op.started.get());
    assertEquals(2000, m.ok() + m.errors());
    assertEquals(200, m.errors());
    assertEquals(Map.of("IllegalStateException: refused", 200L), m.errorKinds());
    assertEquals(1800, m.latency().count());
    assertTrue(op.peak.get("max") <= 8, "in flight " + op.peak.get("max"));
    assertTrue(m.seconds() > 0 && m.throughput() > 0);
  }

  @Test
  void anOperationThatThrowsCountsAsAnErrorAndTheLoopGoesOn() throws Exception {
    Operation broken = (client, random) -> {
      throw new IllegalArgumentException("bad request");
    };
    ClosedLoopRunner runner = new ClosedLoopRunner(spec(2, 5000), broken, i -> null);
    runner.start();
    Measured m = runner.await();
    assertEquals(0, m.ok());
    assertEquals(5000, m.errors());
  }
}
