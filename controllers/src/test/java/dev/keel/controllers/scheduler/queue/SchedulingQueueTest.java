package dev.keel.controllers.scheduler.queue;

import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.api.core.Pod;
import dev.keel.api.core.PodStatus;
import dev.keel.controllers.scheduler.testing.FakeTicker;
import dev.keel.controllers.scheduler.testing.TestPod;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

class SchedulingQueueTest {
    private final FakeTicker ticker = new FakeTicker();
    private final SchedulingQueue queue = new SchedulingQueue(QueueConfig.defaults(), ticker);

    @AfterEach
    void close() {
        queue.close();
    }

    private Optional<QueuedPod> popNow() throws InterruptedException {
        return queue.pop(Duration.ZERO);
    }

    private QueuedPod popExpecting(String name) throws InterruptedException {
        QueuedPod p = popNow().orElseThrow(() -> new AssertionError("expected " + name + ", queue " + queue.lengths()));
        assertEquals("default/" + name, p.key());
        return p;
    }

    record Responsibility(String name, TestPod pod, boolean served) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Responsibility> responsibility() {
        return Stream.of(
                new Responsibility("a pending pod without schedulerName is served", pod("p"), true),
                new Responsibility("a pod for default-scheduler is served", pod("p").schedulerName("default-scheduler"),
                        true),
                new Responsibility("a pod for a scheduler named otherwise is ignored, even keel-scheduler",
                        pod("p").schedulerName("keel-scheduler"), false),
                new Responsibility("a pod for another scheduler is ignored", pod("p").schedulerName("volcano"), false),
                new Responsibility("a pod that already has a node is ignored", pod("p").nodeName("n1"), false),
                new Responsibility("a pod being deleted is ignored", pod("p").deleting(), false),
                new Responsibility("a finished pod is ignored", pod("p").phase("Succeeded"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responsibility")
    void servesOnlyItsOwnPendingPods(Responsibility r) throws InterruptedException {
        assertEquals(r.served(), queue.add(r.pod().build()));
        assertEquals(r.served(), popNow().isPresent());
    }

    @Test
    void higherPriorityFirstThenOlderThenFirstAdded() throws InterruptedException {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        queue.add(pod("young").created(t0.plusSeconds(10)).build());
        queue.add(pod("old").created(t0).build());
        queue.add(pod("urgent").created(t0.plusSeconds(20)).priority(1000).build());
        queue.add(pod("same-age-later").created(t0).build());
        List<String> order = new ArrayList<>();
        for (Optional<QueuedPod> p = popNow(); p.isPresent(); p = popNow()) {
            order.add(p.get().pod().metadata().name());
        }
        assertEquals(List.of("urgent", "old", "same-age-later", "young"), order);
    }

    @ParameterizedTest(name = "after {0} attempt(s) the back-off is {1} s")
    @CsvSource({"1, 1", "2, 2", "3, 4", "4, 8", "5, 10", "12, 10"})
    void backoffDoublesFromOneSecondUpToTen(int attempts, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), QueueConfig.defaults().backoffAfter(attempts));
    }

    @Test
    void aFailedPodWaitsOutItsBackoffOnTheInjectedClock() throws InterruptedException {
        queue.add(pod("p").build());
        QueuedPod first = popExpecting("p");
        assertEquals(1, first.attempts());
        queue.requeueAfterError(first);
        assertTrue(popNow().isEmpty(), "still backing off");
        ticker.advance(Duration.ofMillis(999));
        assertTrue(popNow().isEmpty(), "1 ms to go");
        ticker.advance(Duration.ofMillis(1));
        QueuedPod second = popExpecting("p");
        assertEquals(2, second.attempts());
        queue.requeueAfterError(second);
        ticker.advance(Duration.ofMillis(1999));
        assertTrue(popNow().isEmpty(), "second back-off is 2 s");
        ticker.advance(Duration.ofMillis(1));
        popExpecting("p");
    }

    @Test
    void anUnschedulablePodIsParkedUntilAClusterEvent() throws InterruptedException {
        queue.add(pod("p").build());
        queue.requeueUnschedulable(popExpecting("p"));
        ticker.advance(Duration.ofSeconds(30));
        queue.flushBackoffCompleted();
        assertTrue(popNow().isEmpty(), "parked, no busy retry");
        assertEquals(new QueueLengths(0, 0, 1, 0), queue.lengths());

        queue.onClusterEvent(ClusterEvent.NODE_ADDED);
        popExpecting("p");
    }

    @Test
    void aClusterEventDuringBackoffMovesThePodToBackoffNotActive() throws InterruptedException {
        queue.add(pod("p").build());
        queue.requeueUnschedulable(popExpecting("p"));
        queue.onClusterEvent(ClusterEvent.POD_DELETED);
        assertEquals(new QueueLengths(0, 1, 0, 0), queue.lengths());
        assertTrue(popNow().isEmpty());
        ticker.advance(Duration.ofSeconds(1));
        popExpecting("p");
    }

    @Test
    void aClusterEventWhileThePodIsInFlightSendsItToBackoffInsteadOfParking() throws InterruptedException {
        queue.add(pod("p").build());
        QueuedPod p = popExpecting("p");
        queue.onClusterEvent(ClusterEvent.NODE_CHANGED);
        queue.requeueUnschedulable(p);
        assertEquals(new QueueLengths(0, 1, 0, 0), queue.lengths());
        ticker.advance(Duration.ofSeconds(1));
        popExpecting("p");
    }

    @Test
    void aParkedPodIsRetriedAfterSixtySecondsWithoutEvents() throws InterruptedException {
        queue.add(pod("p").build());
        queue.requeueUnschedulable(popExpecting("p"));
        ticker.advance(Duration.ofSeconds(59));
        queue.flushUnschedulableLeftover();
        assertTrue(popNow().isEmpty());
        ticker.advance(Duration.ofSeconds(1));
        queue.flushUnschedulableLeftover();
        popExpecting("p");
    }

    @Test
    void aStatusOnlyUpdateLeavesAParkedPodParkedButASpecChangeMovesIt() throws InterruptedException {
        Pod original = pod("p").build();
        queue.add(original);
        queue.requeueUnschedulable(popExpecting("p"));
        ticker.advance(Duration.ofSeconds(5));

        Pod conditioned = original.withStatus(PodStatus.builder().phase("Pending").message("0/1 nodes").build());
        queue.update(original, conditioned);
        assertEquals(new QueueLengths(0, 0, 1, 0), queue.lengths());

        Pod relaxed = pod("p").toleration("", "Exists", null, null).build();
        queue.update(conditioned, relaxed);
        QueuedPod again = popExpecting("p");
        assertEquals(1, again.pod().spec().tolerations().size());
    }

    @Test
    void aPodThatGetsANodeOrIsDeletedLeavesTheQueue() throws InterruptedException {
        Pod a = pod("a").build();
        Pod b = pod("b").build();
        queue.add(a);
        queue.add(b);
        queue.update(a, pod("a").nodeName("n1").build());
        queue.delete("default/b");
        assertTrue(popNow().isEmpty());
        assertEquals(new QueueLengths(0, 0, 0, 0), queue.lengths());
    }

    @Test
    void aPodDeletedWhileInFlightIsDroppedOnRequeue() throws InterruptedException {
        queue.add(pod("p").build());
        QueuedPod p = popExpecting("p");
        queue.delete("default/p");
        queue.requeueUnschedulable(p);
        assertEquals(new QueueLengths(0, 0, 0, 0), queue.lengths());
    }

    @Test
    void anUpdateWhileInFlightIsKeptForTheRetry() throws InterruptedException {
        Pod original = pod("p").build();
        queue.add(original);
        QueuedPod p = popExpecting("p");
        queue.update(original, pod("p").nodeSelector("disk", "ssd").build());
        queue.requeueUnschedulable(p);
        ticker.advance(Duration.ofSeconds(1));
        assertEquals("ssd", popExpecting("p").pod().spec().nodeSelector().get("disk"));
    }

    @Test
    void donePodsLeaveTheQueueAndRequeueingAPodNotInFlightIsABug() throws InterruptedException {
        queue.add(pod("p").build());
        QueuedPod p = popExpecting("p");
        assertEquals(new QueueLengths(0, 0, 0, 1), queue.lengths());
        queue.done(p.key());
        assertEquals(new QueueLengths(0, 0, 0, 0), queue.lengths());
        assertThrows(IllegalStateException.class, () -> queue.requeueUnschedulable(p));
    }

    @Test
    void popWaitsForAnAddAndCloseReleasesWaiters() throws Exception {
        CompletableFuture<Optional<QueuedPod>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.pop(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        queue.add(pod("p").build());
        assertEquals("default/p", waiting.get(10, TimeUnit.SECONDS).orElseThrow().key());

        CompletableFuture<Optional<QueuedPod>> released = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.pop(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        queue.close();
        assertFalse(released.get(10, TimeUnit.SECONDS).isPresent());
        assertFalse(queue.add(pod("q").build()));
    }
}
