package dev.keel.api.informer;

import dev.keel.api.client.ApiException;
import dev.keel.api.client.ClientConfig;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.ListOptions;
import dev.keel.api.client.ResourceClient;
import dev.keel.api.core.Pod;
import dev.keel.api.testserver.PodWireTestServer;
import dev.keel.api.workqueue.Ticker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static dev.keel.api.client.TestPods.labelled;
import static dev.keel.api.client.TestPods.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent writers, 410s and broken streams against one informer: handler calls never overlap, each key's calls
 * form a valid life cycle (add, updates, delete, add again ...), and the cache converges to the server's state.
 */
class InformerStressTest {
    private static final int KEYS = 8;

    @Test
    void handlersNeverOverlapAndTheCacheConverges() throws Exception {
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(3);
        ExecutorService writers = Executors.newFixedThreadPool(3);
        try (PodWireTestServer server = PodWireTestServer.start();
             KubeClient client = KubeClient.create(ClientConfig.of(server.uri()))) {
            ResourceClient<Pod> pods = client.pods();
            InformerConfig config = InformerConfig.defaults().withBackoff(Duration.ofMillis(5), Duration.ofMillis(50));
            RecordingHandler h = new RecordingHandler();
            try (Informer<Pod> inf = new Informer<>(pods, config, pool, new ExecutorScheduler(pool),
                    Ticker.system())) {
                inf.addEventHandler(h);
                inf.start();
                assertTrue(inf.awaitSynced(Duration.ofSeconds(10)));

                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < 3; w++) {
                    done.add(writers.submit(() -> write(pods, 60)));
                }
                for (int i = 0; i < 6; i++) {
                    server.state().awaitOpenWatches(1, Duration.ofSeconds(5));
                    if (i % 2 == 0) {
                        server.state().expireWatches();
                    } else {
                        server.state().breakWatches();
                    }
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }

                Map<String, String> expected = versions(pods.list(null, ListOptions.all()).items());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!versions(inf.cache().list()).equals(expected) && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
                assertEquals(expected, versions(inf.cache().list()));
                assertTrue(inf.listCount() >= 2, "the 410s and breaks caused relists: " + inf.listCount());
            }
            assertEquals(0, h.overlaps.get(), "handler calls overlapped");
            assertEquals(versions(pods.list(null, ListOptions.all()).items()).keySet(), replay(h.events()));
        } finally {
            writers.shutdownNow();
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    /** Random creates, updates and deletes on a few keys; expected API errors (races between writers) are fine. */
    private static Void write(ResourceClient<Pod> pods, int ops) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; i < ops; i++) {
            String name = "k" + rnd.nextInt(KEYS);
            try {
                switch (rnd.nextInt(3)) {
                    case 0:
                        pods.create(pod("default", name));
                        break;
                    case 1:
                        pods.update(labelled(pods.get("default", name), "n", Integer.toString(i)));
                        break;
                    default:
                        pods.delete("default", name, DeleteOptions.defaults());
                        break;
                }
            } catch (ApiException e) {
                if (e.isTransient()) {
                    throw e;
                }
            }
        }
        return null;
    }

    /** Replays handler calls per key, checking each is valid in the key's current state; returns the live keys. */
    private static Set<String> replay(List<String> events) {
        Set<String> live = new HashSet<>();
        for (String e : events) {
            String[] parts = e.split(" ");
            String key = parts[1];
            switch (parts[0]) {
                case "ADD":
                    assertTrue(live.add(key), "add of a live key: " + e);
                    break;
                case "UPDATE":
                    assertTrue(live.contains(key), "update of an unknown key: " + e);
                    break;
                case "DELETE":
                    assertTrue(live.remove(key), "delete of an unknown key: " + e);
                    break;
                default:
                    throw new AssertionError("unexpected call " + e);
            }
        }
        return live;
    }

    private static Map<String, String> versions(List<Pod> list) {
        Map<String, String> m = new HashMap<>();
        for (Pod p : list) {
            m.put(p.metadata().key(), p.metadata().resourceVersion());
        }
        return m.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
