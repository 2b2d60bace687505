package dev.keel.controllers.scheduler;

import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.api.core.Pod;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

class CycleStateTest {
    private static final Pod POD = pod("p").build();

    /** A state and a key; with {@code keyFirst} the key has a slot in the state's array, else it lands in the map. */
    private record Setup(CycleState state, StateKey<String> key) {
        static Setup of(boolean keyFirst) {
            if (keyFirst) {
                StateKey<String> key = new StateKey<>("test/value", String.class);
                return new Setup(new CycleState(), key);
            }
            CycleState state = new CycleState();
            return new Setup(state, new StateKey<>("test/value", String.class));
        }
    }

    @ParameterizedTest(name = "key made before the state: {0}")
    @ValueSource(booleans = {true, false})
    void aWrittenValueIsReadBackAndNotRecomputed(boolean keyFirst) {
        Setup s = Setup.of(keyFirst);
        assertEquals(Optional.empty(), s.state().read(s.key()));
        s.state().write(s.key(), "written");
        assertEquals(Optional.of("written"), s.state().read(s.key()));
        assertEquals("written", s.state().computeIfAbsent(s.key(), POD, p -> {
            throw new AssertionError("computed although written");
        }));
    }

    @ParameterizedTest(name = "key made before the state: {0}")
    @ValueSource(booleans = {true, false})
    void aMissingValueIsComputedFromThePodOnceAndKept(boolean keyFirst) {
        Setup s = Setup.of(keyFirst);
        AtomicInteger calls = new AtomicInteger();
        assertEquals("default/p", s.state().computeIfAbsent(s.key(), POD, p -> {
            calls.incrementAndGet();
            return p.metadata().key();
        }));
        assertEquals("default/p", s.state().computeIfAbsent(s.key(), POD, p -> "other"));
        assertEquals(Optional.of("default/p"), s.state().read(s.key()));
        assertEquals(1, calls.get());
    }

    @Test
    void twoKeysWithTheSameNameAreTwoKeys() {
        StateKey<String> first = new StateKey<>("test/same", String.class);
        StateKey<String> second = new StateKey<>("test/same", String.class);
        CycleState state = new CycleState();
        state.write(first, "one");
        assertEquals(Optional.empty(), state.read(second));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Test
    void aValueOfTheWrongTypeIsRefused() {
        StateKey raw = new StateKey<>("test/string", String.class);
        assertThrows(ClassCastException.class, () -> new CycleState().write(raw, 42));
    }

    @ParameterizedTest(name = "key made before the state: {0}")
    @ValueSource(booleans = {true, false})
    void threadsRacingToComputeAllGetTheSameValue(boolean keyFirst) throws Exception {
        Setup s = Setup.of(keyFirst);
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String mine = "value-" + i;
                results.add(pool.submit(() -> {
                    assertTrue(start.await(10, TimeUnit.SECONDS));
                    return s.state().computeIfAbsent(s.key(), POD, p -> new String(mine));
                }));
            }
            start.countDown();
            List<String> got = new ArrayList<>();
            for (Future<String> f : results) {
                got.add(f.get(10, TimeUnit.SECONDS));
            }
            String kept = s.state().read(s.key()).orElseThrow();
            for (String g : got) {
                assertSame(kept, g, "every thread gets the one value that was kept");
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }
}
