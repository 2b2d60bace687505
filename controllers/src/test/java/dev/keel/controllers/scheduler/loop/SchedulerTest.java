package dev.keel.controllers.scheduler.loop;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.api.core.Event;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.Condition;
import dev.keel.api.workqueue.Ticker;
import dev.keel.controllers.scheduler.Framework;
import dev.keel.controllers.scheduler.TieBreaker;
import dev.keel.controllers.scheduler.plugins.DefaultProfile;
import dev.keel.controllers.scheduler.queue.QueueConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

class SchedulerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final FakeCluster cluster = new FakeCluster();
    private Scheduler scheduler;

    @BeforeEach
    void start() {
        QueueConfig queue = new QueueConfig(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(60),
                Set.of(QueueConfig.DEFAULT_SCHEDULER, QueueConfig.KEEL_SCHEDULER));
        SchedulerConfig config = new SchedulerConfig("keel-scheduler", queue, Duration.ofSeconds(30),
                Duration.ofMillis(10), Duration.ofSeconds(30));
        scheduler = new Scheduler(cluster, new Framework(DefaultProfile.create(), TieBreaker.byNodeName()), config,
                Clock.systemUTC(), Ticker.system());
        scheduler.start();
    }

    @AfterEach
    void stop() {
        scheduler.close();
    }

    /** Polls {@code value} until it is present, for at most {@link #WAIT}. */
    private static <T> T eventually(String what, Supplier<Optional<T>> value) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> v = value.get();
            if (v.isPresent()) {
                return v.get();
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private String eventuallyBound(String name) {
        return eventually(name + " to be bound",
                () -> cluster.pod("default/" + name).map(p -> p.spec().nodeName()));
    }

    private Condition eventuallyScheduledCondition(String name) {
        return eventually(name + " to get PodScheduled", () -> cluster.pod("default/" + name)
                .flatMap(p -> p.status().conditions().stream().filter(c -> c.type().equals("PodScheduled")).findFirst()));
    }

    @Test
    void podsOfOneOwnerAreBoundAcrossTheNodes() {
        for (String n : List.of("n1", "n2", "n3")) {
            cluster.addNode(node(n).build());
        }
        for (String p : List.of("web-1", "web-2", "web-3")) {
            cluster.createPod(pod(p).cpu("100m").ownedBy("ReplicaSet", "web").build());
        }
        Set<String> nodes = new HashSet<>();
        for (String p : List.of("web-1", "web-2", "web-3")) {
            nodes.add(eventuallyBound(p));
        }
        assertEquals(Set.of("n1", "n2", "n3"), nodes);
    }

    @Test
    void aPodThatFitsNowhereIsReportedThenBoundWhenANodeArrives() {
        cluster.addNode(node("small").cpu("1").build());
        cluster.createPod(pod("big").cpu("2").build());
        Condition c = eventuallyScheduledCondition("big");
        assertEquals("False", c.status());
        assertEquals("Unschedulable", c.reason());
        assertEquals("0/1 nodes are available: 1 Insufficient cpu.", c.message());
        Event e = eventually("a FailedScheduling event", () -> cluster.events.stream().findFirst());
        assertEquals("FailedScheduling", e.reason());
        assertEquals("Warning", e.type());
        assertEquals("big", e.involvedObject().name());

        cluster.addNode(node("large").cpu("4").build());
        assertEquals("large", eventuallyBound("big"));
    }

    @Test
    void theAssumedPodHoldsItsPortBeforeTheWatchShowsTheBinding() {
        cluster.holdBindEvents(true);
        cluster.addNode(node("n1").build());
        cluster.createPod(pod("first").port(8080).build());
        eventuallyBound("first");
        cluster.createPod(pod("second").port(8080).build());
        Condition c = eventuallyScheduledCondition("second");
        assertEquals("0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.",
                c.message());
        cluster.holdBindEvents(false);
        assertEquals(List.of("default/first->n1"), cluster.bindings);
    }

    @Test
    void aFailedBindIsRetriedAndReported() {
        cluster.failNextBinds(2);
        cluster.addNode(node("n1").build());
        cluster.createPod(pod("p").build());
        assertEquals("n1", eventuallyBound("p"));
        assertTrue(cluster.events.stream().anyMatch(e -> e.message().startsWith("binding rejected: injected")),
                () -> "events: " + cluster.events);
    }

    @Test
    void deletingABoundPodLetsAParkedPodIn() {
        cluster.addNode(node("n1").cpu("1").build());
        cluster.createPod(pod("holder").cpu("1").nodeName("n1").build());
        cluster.createPod(pod("waiter").cpu("1").build());
        assertEquals("0/1 nodes are available: 1 Insufficient cpu.", eventuallyScheduledCondition("waiter").message());
        cluster.deletePod("default/holder");
        assertEquals("n1", eventuallyBound("waiter"));
    }

    @Test
    void podsForOtherSchedulersAreLeftAlone() {
        cluster.addNode(node("n1").build());
        cluster.createPod(pod("theirs").schedulerName("other-scheduler").build());
        cluster.createPod(pod("ours").build());
        eventuallyBound("ours");
        Pod theirs = cluster.pod("default/theirs").orElseThrow();
        assertEquals(null, theirs.spec().nodeName());
        assertEquals(0, scheduler.queueLengths().active());
    }
}
