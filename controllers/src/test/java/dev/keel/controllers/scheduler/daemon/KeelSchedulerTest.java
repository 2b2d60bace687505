package dev.keel.controllers.scheduler.daemon;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.api.client.ClientConfig;
import dev.keel.api.core.Pod;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Informer;
import dev.keel.api.informer.InformerConfig;
import dev.keel.api.informer.InformerFactory;
import dev.keel.api.kinds.Kinds;
import dev.keel.controllers.leaderelection.LeaderElectionConfig;
import dev.keel.controllers.scheduler.testing.LiveCluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The scheduler component: its metrics endpoint, and two instances under leader election. */
class KeelSchedulerTest {
    @TempDir
    static Path dir;
    private static LiveCluster live;
    private final List<AutoCloseable> started = new ArrayList<>();

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

    @AfterEach
    void stopSchedulers() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        live.deleteAllNodesAndPods();
    }

    private KeelSchedulerConfig config() {
        return KeelSchedulerConfig.of(ClientConfig.of(URI.create(live.cluster().httpUrl()))).withMetrics("127.0.0.1", 0);
    }

    private KeelScheduler start(KeelSchedulerConfig config) {
        KeelScheduler s = new KeelScheduler(config);
        started.add(s);
        return s.start();
    }

    @Test
    void attemptsLatencyAndQueueLengthsAreServedAtMetrics() throws Exception {
        KeelScheduler scheduler = start(config());
        String ns = live.newNamespace("metrics");
        live.addNode(node("m1").cpu("1").build());
        live.createPod(pod("fits").namespace(ns).cpu("500m").build());
        live.createPod(pod("too-big").namespace(ns).cpu("2").build());
        live.awaitBound(ns, "fits");
        live.awaitScheduledCondition(ns, "too-big", "0/1 nodes are available: 1 Insufficient cpu.");

        URI uri = URI.create("http://127.0.0.1:" + scheduler.metricsPort().orElseThrow() + "/metrics");
        String text = LiveCluster.await("the parked pod in the metrics", () -> {
            String t = scrape(uri);
            return t.contains("scheduler_pending_pods{queue=\"unschedulable\"} 1.0") ? Optional.of(t)
                    : Optional.empty();
        });
        assertTrue(text.contains("scheduler_schedule_attempts_total{result=\"scheduled\"} 1.0"), text);
        assertTrue(text.contains("scheduler_schedule_attempts_total{result=\"unschedulable\"}"), text);
        assertTrue(text.contains("scheduler_pending_pods{queue=\"active\"} 0.0"), text);
        assertTrue(text.contains("scheduler_pending_pods{queue=\"backoff\"}"), text);
        assertTrue(text.contains("scheduler_e2e_scheduling_duration_seconds_count 1"), text);
        assertTrue(text.contains("scheduler_e2e_scheduling_duration_seconds_bucket{le="), text);
    }

    private static String scrape(URI uri) {
        try {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            c.setConnectTimeout(5_000);
            c.setReadTimeout(5_000);
            try {
                assertEquals(200, c.getResponseCode());
                try (InputStream in = c.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            throw new AssertionError("scraping " + uri + " failed", e);
        }
    }

    @Test
    void whenTheLeaderStopsTheStandbyTakesOverAndNoPodIsBoundTwice() throws Exception {
        String ns = live.newNamespace("ha");
        for (int i = 0; i < 3; i++) {
            live.addNode(node("ha-" + i).build());
        }
        Map<String, String> firstNode = new ConcurrentHashMap<>();
        List<String> moved = new CopyOnWriteArrayList<>();
        InformerFactory informers = new InformerFactory(live.client(), InformerConfig.defaults().withNamespace(ns));
        started.add(informers);
        Informer<Pod> watched = informers.informer(Kinds.PODS);
        watched.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(Pod p) {
                onUpdate(p, p);
            }

            @Override
            public void onUpdate(Pod old, Pod now) {
                String n = now.spec().nodeName();
                if (n != null) {
                    String before = firstNode.putIfAbsent(now.metadata().name(), n);
                    if (before != null && !before.equals(n)) {
                        moved.add(now.metadata().name() + ": " + before + " -> " + n);
                    }
                }
            }
        });
        informers.start();

        Duration lease = Duration.ofSeconds(6);
        LeaderElectionConfig election = KeelSchedulerConfig.of(ClientConfig.of(URI.create("http://x"))).leaderElection()
                .withTimings(lease, Duration.ofSeconds(4), Duration.ofMillis(500));
        KeelScheduler a = start(config().withLeaderElect(true).withLeaderElection(election.withIdentity("sched-a")));
        KeelScheduler b = start(config().withLeaderElect(true).withLeaderElection(election.withIdentity("sched-b")));
        KeelScheduler leader = LiveCluster.await("a leader", () -> a.isScheduling() ? Optional.of(a)
                : b.isScheduling() ? Optional.of(b) : Optional.empty());
        KeelScheduler standby = leader == a ? b : a;
        assertTrue(!standby.isScheduling(), "only one scheduler runs");

        for (int i = 0; i < 10; i++) {
            live.createPod(pod("before-" + i).namespace(ns).cpu("100m").build());
        }
        for (int i = 0; i < 10; i++) {
            live.awaitBound(ns, "before-" + i);
        }
        for (int i = 0; i < 10; i++) {
            live.client().pods().createAsync(pod("during-" + i).namespace(ns).cpu("100m").build());
        }
        leader.close();
        long stoppedAt = System.nanoTime();
        LiveCluster.await("the standby to take over", () -> standby.isScheduling() ? Optional.of(true)
                : Optional.empty());
        Duration takeover = Duration.ofNanos(System.nanoTime() - stoppedAt);
        assertTrue(takeover.compareTo(lease) < 0, "took over after " + takeover + ", lease " + lease);
        for (int i = 0; i < 10; i++) {
            live.createPod(pod("after-" + i).namespace(ns).cpu("100m").build());
        }
        for (String prefix : List.of("before-", "during-", "after-")) {
            for (int i = 0; i < 10; i++) {
                live.awaitBound(ns, prefix + i);
            }
        }
        LiveCluster.await("30 pods seen bound", () -> firstNode.size() == 30 ? Optional.of(true) : Optional.empty());
        assertEquals(List.of(), moved, "a pod's node changed");
        assertEquals(30, a.metrics().scheduledCount() + b.metrics().scheduledCount(),
                "successful bindings over both schedulers");
    }
}
