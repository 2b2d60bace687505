package dev.keel.controllers.scheduler.loop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.api.client.ListOptions;
import dev.keel.api.core.Pod;
import dev.keel.api.events.EventRecorder;
import dev.keel.api.informer.InformerConfig;
import dev.keel.api.workqueue.Ticker;
import dev.keel.controllers.scheduler.Framework;
import dev.keel.controllers.scheduler.TieBreaker;
import dev.keel.controllers.scheduler.plugins.DefaultProfile;
import dev.keel.controllers.scheduler.queue.QueueConfig;
import dev.keel.controllers.scheduler.testing.LiveCluster;
import dev.keel.controllers.scheduler.testing.TestNode;
import dev.keel.controllers.scheduler.testing.TestPod;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The scheduler end to end on random clusters: nodes and pods are posted to a real apiserver, the scheduler binds,
 * and the bound state read back from the apiserver must (1) over-commit no node (requests within allocatable, pod
 * count within {@code pods}, no host port twice) and (2) leave no pod unbound that would fit on some node. One
 * cluster serves every try; each try has its own namespace, nodes and scheduler, and removes them at the end.
 * Pods are checked against a model of their own requests, not against the scheduler's code.
 */
class SchedulingProperties {
    private static LiveCluster live;
    private static Path dir;

    /** A node: allocatable cpu (milli), memory (MiB) and pod count. */
    record NodeModel(int milliCpu, int memoryMi, int pods) {
    }

    /** A pod: requests (0 = none) and an optional host port. */
    record PodModel(int milliCpu, int memoryMi, Optional<Integer> hostPort) {
    }

    @BeforeContainer
    static void startCluster() throws IOException {
        dir = Files.createTempDirectory("keel-scheduling-properties");
        live = LiveCluster.start(dir);
    }

    @AfterContainer
    static void stopCluster() throws IOException {
        if (live != null) {
            live.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 10)
    void noNodeIsOvercommittedAndEveryPodThatFitsIsBound(@ForAll("nodeSets") List<NodeModel> nodes,
                                                         @ForAll("podSets") List<PodModel> pods) {
        String ns = live.newNamespace("prop");
        QueueConfig queue = new QueueConfig(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(60),
                Set.of(QueueConfig.DEFAULT_SCHEDULER));
        SchedulerConfig config = SchedulerConfig.defaults().withQueue(queue);
        try (EventRecorder events = EventRecorder.create(live.client(), QueueConfig.DEFAULT_SCHEDULER, "test");
             RestSchedulerClient client = new RestSchedulerClient(live.client(), events, InformerConfig.defaults());
             Scheduler scheduler = new Scheduler(client, new Framework(DefaultProfile.create(),
                     TieBreaker.byNodeName()), config, new SchedulerMetrics(new SimpleMeterRegistry()),
                     Clock.systemUTC(), Ticker.system())) {
            scheduler.start();
            for (int i = 0; i < nodes.size(); i++) {
                NodeModel n = nodes.get(i);
                live.addNode(TestNode.node(ns + "-n" + i).cpu(n.milliCpu() + "m").memory(n.memoryMi() + "Mi")
                        .pods(n.pods()).build());
            }
            List<CompletableFuture<Pod>> creates = new ArrayList<>();
            for (int i = 0; i < pods.size(); i++) {
                creates.add(live.client().pods().createAsync(toPod(ns, "p" + i, pods.get(i))));
            }
            CompletableFuture.allOf(creates.toArray(new CompletableFuture[0])).join();

            Map<String, String> placement = LiveCluster.await("every pod that fits somewhere to be bound",
                    () -> settled(ns, nodes, pods));
            assertNotOvercommitted(ns, nodes, pods, placement);
            Statistics.label("bound").collect(placement.size() == pods.size() ? "all" : "some unbound");
        } finally {
            live.deleteAllNodesAndPods();
        }
    }

    /** The placement (pod name to node name) once no unbound pod fits anywhere; empty while one still does. */
    private Optional<Map<String, String>> settled(String ns, List<NodeModel> nodes, List<PodModel> pods) {
        Map<String, String> placement = new HashMap<>();
        for (Pod p : live.client().pods().listAll(ns, ListOptions.all()).items()) {
            if (p.spec().nodeName() != null) {
                placement.put(p.metadata().name(), p.spec().nodeName());
            }
        }
        for (int i = 0; i < pods.size(); i++) {
            if (!placement.containsKey("p" + i)) {
                for (int n = 0; n < nodes.size(); n++) {
                    if (fits(pods.get(i), nodes.get(n), podsOn(ns + "-n" + n, placement, pods))) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.of(placement);
    }

    private static List<PodModel> podsOn(String node, Map<String, String> placement, List<PodModel> pods) {
        List<PodModel> on = new ArrayList<>();
        placement.forEach((pod, n) -> {
            if (n.equals(node)) {
                on.add(pods.get(Integer.parseInt(pod.substring(1))));
            }
        });
        return on;
    }

    static boolean fits(PodModel pod, NodeModel node, List<PodModel> running) {
        int cpu = running.stream().mapToInt(PodModel::milliCpu).sum();
        int mem = running.stream().mapToInt(PodModel::memoryMi).sum();
        boolean portFree = pod.hostPort().isEmpty()
                || running.stream().noneMatch(r -> r.hostPort().equals(pod.hostPort()));
        return portFree && running.size() + 1 <= node.pods()
                && (pod.milliCpu() == 0 || cpu + pod.milliCpu() <= node.milliCpu())
                && (pod.memoryMi() == 0 || mem + pod.memoryMi() <= node.memoryMi());
    }

    private static void assertNotOvercommitted(String ns, List<NodeModel> nodes, List<PodModel> pods,
                                               Map<String, String> placement) {
        for (int n = 0; n < nodes.size(); n++) {
            NodeModel node = nodes.get(n);
            List<PodModel> on = podsOn(ns + "-n" + n, placement, pods);
            String where = "node " + n + " " + node + " holds " + on;
            assertTrue(on.size() <= node.pods(), "too many pods: " + where);
            assertTrue(on.stream().mapToInt(PodModel::milliCpu).sum() <= node.milliCpu(), "cpu over-committed: "
                    + where);
            assertTrue(on.stream().mapToInt(PodModel::memoryMi).sum() <= node.memoryMi(), "memory over-committed: "
                    + where);
            List<Integer> ports = on.stream().flatMap(p -> p.hostPort().stream()).toList();
            assertTrue(ports.size() == Set.copyOf(ports).size(), "a host port is used twice: " + where);
        }
    }

    private static Pod toPod(String ns, String name, PodModel m) {
        TestPod b = TestPod.pod(name).namespace(ns);
        if (m.milliCpu() > 0) {
            b.cpu(m.milliCpu() + "m");
        }
        if (m.memoryMi() > 0) {
            b.memory(m.memoryMi() + "Mi");
        }
        m.hostPort().ifPresent(p -> b.port(p, p, "TCP", null));
        return b.build();
    }

    @Provide
    Arbitrary<List<NodeModel>> nodeSets() {
        Arbitrary<Integer> cpu = Arbitraries.integers().between(1, 8).map(i -> i * 500);
        Arbitrary<Integer> mem = Arbitraries.integers().between(1, 8).map(i -> i * 512);
        Arbitrary<Integer> pods = Arbitraries.integers().between(1, 6);
        return Combinators.combine(cpu, mem, pods).as(NodeModel::new).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<PodModel>> podSets() {
        Arbitrary<Integer> cpu = Arbitraries.integers().between(0, 6).map(i -> i * 250);
        Arbitrary<Integer> mem = Arbitraries.integers().between(0, 6).map(i -> i * 256);
        Arbitrary<Optional<Integer>> port = Arbitraries.of(8080, 8081).optional(0.3);
        return Combinators.combine(cpu, mem, port).as(PodModel::new).list().ofMinSize(1).ofMaxSize(20);
    }
}
