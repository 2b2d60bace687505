package dev.keel.controllers.scheduler.loop;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.ListOptions;
import dev.keel.api.core.Event;
import dev.keel.api.events.EventRecorder;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.core.Pod;
import dev.keel.api.informer.InformerConfig;
import dev.keel.api.meta.Condition;
import dev.keel.api.workqueue.Ticker;
import dev.keel.controllers.scheduler.Framework;
import dev.keel.controllers.scheduler.TieBreaker;
import dev.keel.controllers.scheduler.plugins.DefaultProfile;
import dev.keel.controllers.scheduler.queue.QueueConfig;
import dev.keel.controllers.scheduler.testing.LiveCluster;
import dev.keel.controllers.scheduler.testing.TestPod;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scheduling loop against a real store + apiserver: the test posts Node objects and pods, the scheduler binds
 * through the {@code binding} subresource and reports through the status subresource. Back-off is short and the
 * timeout for parked pods long (60 s) with its flush every 30 s, so a parked pod that gets bound within the test's
 * wait was moved by a cluster event, not by polling.
 */
class SchedulerTest {
    @TempDir
    static Path dir;
    private static LiveCluster live;

    private EventRecorder events;
    private RestSchedulerClient client;
    private Scheduler scheduler;
    private String ns;

    @BeforeAll
    static void startCluster() {
        live = LiveCluster.start(dir);
    }

    @AfterAll
    static void stopCluster() {
        if (live != null) {
            live.close();
        }
    }

    @BeforeEach
    void startScheduler() {
        ns = live.newNamespace("sched");
        QueueConfig queue = new QueueConfig(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(60),
                Set.of(QueueConfig.DEFAULT_SCHEDULER));
        SchedulerConfig config = new SchedulerConfig(QueueConfig.DEFAULT_SCHEDULER, queue, Duration.ofSeconds(30),
                Duration.ofMillis(10), Duration.ofSeconds(30));
        events = EventRecorder.create(live.client(), QueueConfig.DEFAULT_SCHEDULER, "test");
        client = new RestSchedulerClient(live.client(), events, InformerConfig.defaults());
        scheduler = new Scheduler(client, new Framework(DefaultProfile.create(), TieBreaker.byNodeName()), config,
                new SchedulerMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), Ticker.system());
        scheduler.start();
    }

    @AfterEach
    void stopScheduler() {
        scheduler.close();
        client.close();
        events.close();
        live.deleteAllNodesAndPods();
    }

    private Pod create(TestPod pod) {
        return live.createPod(pod.namespace(ns).build());
    }

    private String bound(String name) {
        return live.awaitBound(ns, name);
    }

    @Test
    void whenResourcesAreExhaustedThePodWaitsWithTheReasonAndIsBoundWhenANodeIsAdded() {
        for (String n : List.of("a", "b", "c")) {
            live.addNode(node(n).cpu("1").build());
        }
        for (int i = 0; i < 3; i++) {
            create(pod("fill-" + i).cpu("1"));
        }
        for (int i = 0; i < 3; i++) {
            bound("fill-" + i);
        }
        create(pod("extra").cpu("1"));
        String message = "0/3 nodes are available: 3 Insufficient cpu.";
        Condition c = live.awaitScheduledCondition(ns, "extra", message);
        assertEquals("False", c.status());
        assertEquals("Unschedulable", c.reason());
        Event e = LiveCluster.await("a FailedScheduling event", () -> live.client().resource(Kinds.EVENTS)
                .list(ns, ListOptions.all()).items().stream()
                .filter(ev -> ev.involvedObject().name().equals("extra")).findFirst());
        assertEquals("Warning", e.type());
        assertEquals("FailedScheduling", e.reason());
        assertEquals(message, e.message());

        live.addNode(node("d").cpu("1").build());
        assertEquals("d", bound("extra"));
    }

    @Test
    void aTaintKeepsOutPodsThatDoNotTolerateIt() {
        live.addNode(node("tainted").taint("dedicated", "db", "NoSchedule").build());
        create(pod("tolerating").toleration("dedicated", "Equal", "db", "NoSchedule"));
        create(pod("plain"));
        assertEquals("tainted", bound("tolerating"));
        live.awaitScheduledCondition(ns, "plain",
                "0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: db}.");

        live.addNode(node("open").build());
        assertEquals("open", bound("plain"));
    }

    @Test
    void aNodeSelectorPicksTheLabelledNode() {
        live.addNode(node("hdd").label("disk", "hdd").build());
        live.addNode(node("ssd").label("disk", "ssd").build());
        create(pod("wants-ssd").nodeSelector("disk", "ssd"));
        create(pod("wants-nvme").nodeSelector("disk", "nvme"));
        assertEquals("ssd", bound("wants-ssd"));
        live.awaitScheduledCondition(ns, "wants-nvme",
                "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.");
    }

    @Test
    void podsWithTheSameHostPortLandOnDifferentNodes() {
        live.addNode(node("n1").build());
        live.addNode(node("n2").build());
        for (int i = 0; i < 3; i++) {
            create(pod("web-" + i).port(8080, 8080, "TCP", null));
        }
        Map<String, String> placed = new HashMap<>();
        LiveCluster.await("two of the three pods bound", () -> {
            placed.clear();
            for (int i = 0; i < 3; i++) {
                live.pod(ns, "web-" + i).map(p -> p.spec().nodeName()).ifPresent(n -> placed.put(n, "x"));
            }
            return placed.size() == 2 ? Optional.of(true) : Optional.empty();
        });
        String waiting = null;
        for (int i = 0; i < 3; i++) {
            if (live.pod(ns, "web-" + i).orElseThrow().spec().nodeName() == null) {
                waiting = "web-" + i;
            }
        }
        assertTrue(waiting != null, "one pod must wait");
        live.awaitScheduledCondition(ns, waiting,
                "0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports.");
        live.client().pods().delete(ns, "web-" + (waiting.equals("web-0") ? 1 : 0),
                DeleteOptions.defaults().withGracePeriodSeconds(0L));
        bound(waiting);
    }

    @Test
    void podsOfOneReplicaSetAreSpreadOverTheNodes() {
        for (String n : List.of("n1", "n2", "n3")) {
            live.addNode(node(n).build());
        }
        for (int i = 0; i < 6; i++) {
            create(pod("rs-" + i).cpu("100m").ownedBy("ReplicaSet", "web"));
        }
        Map<String, Integer> perNode = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            perNode.merge(bound("rs-" + i), 1, Integer::sum);
        }
        assertEquals(Map.of("n1", 2, "n2", 2, "n3", 2), perNode);
    }

    @Test
    void deletingABoundPodLetsAParkedPodIn() {
        live.addNode(node("n1").cpu("1").build());
        create(pod("holder").cpu("1").nodeName("n1"));
        create(pod("waiter").cpu("1"));
        live.awaitScheduledCondition(ns, "waiter", "0/1 nodes are available: 1 Insufficient cpu.");
        live.client().pods().delete(ns, "holder", DeleteOptions.defaults().withGracePeriodSeconds(0L));
        assertEquals("n1", bound("waiter"));
    }

    @Test
    void podsForOtherSchedulersAreLeftAlone() {
        live.addNode(node("n1").build());
        create(pod("theirs").schedulerName("other-scheduler"));
        create(pod("ours"));
        bound("ours");
        assertNull(live.pod(ns, "theirs").orElseThrow().spec().nodeName());
        assertEquals(0, scheduler.queueLengths().active());
    }
}
