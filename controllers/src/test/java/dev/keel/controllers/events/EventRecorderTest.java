package dev.keel.controllers.events;

import dev.keel.api.client.KubeClient;
import dev.keel.api.client.ListOptions;
import dev.keel.api.core.Event;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.events.EventRecorder;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.apiserver.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The api module's EventRecorder against a real apiserver (tested here, where a TestCluster is available). */
class EventRecorderTest {
    @TempDir
    static Path dir;
    private static TestCluster cluster;
    private static KubeClient client;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(dir, 1);
        client = cluster.newClient();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void repeatsAreAggregatedAndClusterScopedObjectsGoToDefault() throws Exception {
        Pod pod = new Pod(null, null, ObjectMeta.builder().namespace("default").name("web-1").uid("u1").build(),
                null, null, java.util.Map.of());
        Node node = new Node(null, null, ObjectMeta.builder().name("n1").uid("u2").build(), null, null,
                java.util.Map.of());
        try (EventRecorder events = EventRecorder.create(client, "test-component", "host-1")) {
            for (int i = 0; i < 3; i++) {
                events.warning(pod, "FailedScheduling", "0/1 nodes are available: 1 Insufficient cpu.");
            }
            events.normal(pod, "Scheduled", "Successfully assigned default/web-1 to n1");
            events.normal(node, "RegisteredNode", "Node n1 event: Registered");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (events.written() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(20); // the recorder writes in the background; no event to wait on
            }
            assertEquals(5, events.written());
            assertEquals(0, events.dropped());
        }
        List<Event> list = client.resource(Kinds.EVENTS).list("default", ListOptions.all()).items();
        Event failed = list.stream().filter(e -> "FailedScheduling".equals(e.reason())).findFirst().orElseThrow();
        assertEquals(3, failed.count());
        assertEquals("Warning", failed.type());
        assertEquals("web-1", failed.involvedObject().name());
        assertEquals("Pod", failed.involvedObject().kind());
        assertEquals("test-component", failed.source().component());
        assertEquals(3, list.size(), "one Event per distinct event: " + list);
        Event registered = list.stream().filter(e -> "RegisteredNode".equals(e.reason())).findFirst().orElseThrow();
        assertEquals("Node", registered.involvedObject().kind());
    }
}
