package dev.keel.api.workqueue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkQueueTest {
    private static final Duration NOW = Duration.ZERO;

    @Test
    void addingAQueuedItemAgainKeepsOneCopyInFirstAddedOrder() throws Exception {
        WorkQueue<String> q = new WorkQueue<>(new FakeTicker());
        q.add("a");
        q.add("b");
        q.add("a");
        assertEquals(2, q.length());
        assertEquals(Optional.of("a"), q.get(NOW));
        assertEquals(Optional.of("b"), q.get(NOW));
        assertEquals(Optional.empty(), q.get(NOW));
    }

    @Test
    void anItemAddedWhileProcessingIsRequeuedOnlyWhenDone() throws Exception {
        WorkQueue<String> q = new WorkQueue<>(new FakeTicker());
        q.add("a");
        assertEquals(Optional.of("a"), q.get(NOW));
        q.add("a");
        q.add("a");
        assertEquals(Optional.empty(), q.get(NOW), "a is being processed");
        q.done("a");
        assertEquals(Optional.of("a"), q.get(NOW));
        q.done("a");
        assertEquals(Optional.empty(), q.get(NOW));
        assertThrows(IllegalStateException.class, () -> q.done("a"));
    }

    @Test
    void delayedItemsFollowTheTicker() throws Exception {
        FakeTicker t = new FakeTicker();
        WorkQueue<String> q = new WorkQueue<>(t);
        q.addAfter("late", Duration.ofSeconds(10));
        q.addAfter("soon", Duration.ofSeconds(1));
        q.addAfter("late", Duration.ofSeconds(5));
        assertEquals(Optional.empty(), q.get(NOW));
        t.advance(Duration.ofSeconds(1));
        assertEquals(Optional.of("soon"), q.get(NOW));
        t.advance(Duration.ofSeconds(4));
        assertEquals(Optional.of("late"), q.get(NOW), "the earlier of two delays wins");
        t.advance(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), q.get(NOW), "no second copy");
    }

    @Test
    void rateLimitedRetriesBackOffExponentiallyUntilForgotten() throws Exception {
        FakeTicker t = new FakeTicker();
        ExponentialBackoff<String> backoff = new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(1));
        RateLimitingQueue<String> q = new RateLimitingQueue<>(t, backoff);
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            delays.add(backoff.when("probe"));
        }
        assertEquals(List.of(5L, 10L, 20L, 40L, 80L, 160L, 320L, 640L, 1000L, 1000L),
                delays.stream().map(Duration::toMillis).toList());
        backoff.forget("probe");

        q.addRateLimited("k");
        q.addRateLimited("k");
        assertEquals(2, q.numRequeues("k"));
        t.advance(Duration.ofMillis(4));
        assertEquals(Optional.empty(), q.get(NOW));
        t.advance(Duration.ofMillis(1));
        assertEquals(Optional.of("k"), q.get(NOW), "the 5 ms wait wins over the later 10 ms one");
        q.forget("k");
        q.done("k");
        assertEquals(0, q.numRequeues("k"));
    }

    @Test
    void backoffNeverOverflows() {
        ExponentialBackoff<String> b = new ExponentialBackoff<>(Duration.ofMillis(5), Duration.ofDays(365));
        Duration last = Duration.ZERO;
        for (int i = 0; i < 200; i++) {
            Duration d = b.when("x");
            assertTrue(d.compareTo(last) >= 0 && !d.isNegative(), "attempt " + i + ": " + d);
            last = d;
        }
        assertEquals(Duration.ofDays(365), last);
    }

    @Test
    void shutDownDrainsQueuedItemsThenReturnsEmptyAndIgnoresAdds() throws Exception {
        WorkQueue<String> q = new WorkQueue<>(new FakeTicker());
        q.add("a");
        q.shutDown();
        q.add("b");
        assertTrue(q.isShuttingDown());
        assertEquals(Optional.of("a"), q.get(Duration.ofSeconds(5)));
        assertEquals(Optional.empty(), q.get(Duration.ofSeconds(5)), "returns at once after shutdown");
    }

    @Test
    void shutDownWithDrainWaitsForWorkersAndWakesBlockedGets() throws Exception {
        WorkQueue<String> q = new WorkQueue<>(Ticker.system());
        q.add("a");
        assertEquals(Optional.of("a"), q.get(NOW));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch blocked = new CountDownLatch(1);
            var waiter = pool.submit(() -> {
                blocked.countDown();
                return q.get(Duration.ofSeconds(30));
            });
            assertTrue(blocked.await(5, TimeUnit.SECONDS));
            assertFalse(q.shutDownWithDrain(Duration.ofMillis(50)), "a is still being processed");
            assertEquals(Optional.empty(), waiter.get(5, TimeUnit.SECONDS), "shutdown wakes a blocked get");
            q.done("a");
            assertTrue(q.shutDownWithDrain(Duration.ofSeconds(5)));
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void concurrentWorkersNeverShareAKeyAndEveryAddIsSeen() throws Exception {
        WorkQueue<Integer> q = new WorkQueue<>(Ticker.system());
        int workers = 4;
        int keys = 8;
        int adds = 4000;
        Set<Integer> inFlight = ConcurrentHashMap.newKeySet();
        AtomicInteger overlaps = new AtomicInteger();
        Map<Integer, AtomicInteger> lastSeenAdd = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> lastAdd = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (int w = 0; w < workers; w++) {
                pool.submit(() -> {
                    while (true) {
                        Optional<Integer> k = q.get(Duration.ofSeconds(10));
                        if (k.isEmpty()) {
                            return null;
                        }
                        if (!inFlight.add(k.get())) {
                            overlaps.incrementAndGet();
                        }
                        int seen = lastAdd.get(k.get()).get();
                        lastSeenAdd.get(k.get()).accumulateAndGet(seen, Math::max);
                        inFlight.remove(k.get());
                        q.done(k.get());
                    }
                });
            }
            for (int i = 1; i <= adds; i++) {
                int key = i % keys;
                lastSeenAdd.computeIfAbsent(key, x -> new AtomicInteger());
                lastAdd.computeIfAbsent(key, x -> new AtomicInteger()).set(i);
                q.add(key);
            }
            assertTrue(q.shutDownWithDrain(Duration.ofSeconds(20)));
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
        }
        assertEquals(0, overlaps.get());
        for (int key = 0; key < keys; key++) {
            assertEquals(lastAdd.get(key).get(), lastSeenAdd.get(key).get(), "the last add of " + key + " was processed");
        }
    }

    /** One step of a single-threaded interleaving of adds and two-phase worker steps. */
    record Step(int kind, int key, int worker) {
    }

    @Provide
    Arbitrary<List<Step>> interleavings() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(0, 2))
                .as(Step::new).list().ofMaxSize(200);
    }

    /**
     * Random interleavings of add(key), worker-get and worker-done: no key is ever held by two workers, every
     * key added is eventually handed out after its last add, and nothing is handed out that was not added.
     */
    @Property
    void neverHandsOneKeyToTwoWorkers(@ForAll("interleavings") List<Step> steps) throws Exception {
        WorkQueue<Integer> q = new WorkQueue<>(new FakeTicker());
        Map<Integer, Integer> held = new HashMap<>();
        Set<Integer> pending = new HashSet<>();
        for (Step s : steps) {
            switch (s.kind()) {
                case 0 -> {
                    q.add(s.key());
                    pending.add(s.key());
                }
                case 1 -> {
                    if (!held.containsKey(s.worker())) {
                        q.get(NOW).ifPresent(k -> {
                            assertFalse(held.containsValue(k), "key " + k + " handed to a second worker");
                            assertTrue(pending.remove(k), "key " + k + " was not pending");
                            held.put(s.worker(), k);
                        });
                    }
                }
                default -> {
                    Integer k = held.remove(s.worker());
                    if (k != null) {
                        q.done(k);
                    }
                }
            }
        }
        held.values().forEach(q::done);
        Set<Integer> drained = new HashSet<>();
        for (Optional<Integer> k = q.get(NOW); k.isPresent(); k = q.get(NOW)) {
            assertTrue(drained.add(k.get()), "duplicate " + k.get());
            q.done(k.get());
        }
        assertEquals(pending, drained, "every pending key comes out exactly once");
    }
}
