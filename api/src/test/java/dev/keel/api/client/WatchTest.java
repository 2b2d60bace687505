package dev.keel.api.client;

import dev.keel.api.core.Pod;
import dev.keel.api.meta.ObjectList;
import dev.keel.api.meta.WatchEvent;
import dev.keel.api.testserver.PodWireTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.keel.api.client.TestPods.labelled;
import static dev.keel.api.client.TestPods.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Watch streams against {@link PodWireTestServer}: order, resume point, ends, 410, cancel. */
class WatchTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private PodWireTestServer server;
    private KubeClient client;
    private ResourceClient<Pod> pods;

    @BeforeEach
    void start() throws Exception {
        server = PodWireTestServer.start();
        client = KubeClient.create(ClientConfig.of(server.uri()));
        pods = client.pods();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void eventsArriveInOrderFromTheListsResourceVersion() throws Exception {
        pods.create(pod("default", "before"));
        ObjectList<Pod> list = pods.list("default", ListOptions.all());
        Pod a = pods.create(pod("default", "a"));
        RecordingListener<Pod> rec = new RecordingListener<>();
        Watch w = pods.watch("default", WatchOptions.from(list.metadata().resourceVersion()), rec);
        pods.update(labelled(a, "x", "1"));
        pods.delete("default", "a", DeleteOptions.defaults());
        pods.create(pod("other", "elsewhere"));
        pods.create(pod("default", "b"));

        List<WatchEvent<Pod>> events = rec.awaitEvents(4, WAIT);
        assertEquals(List.of("ADDED a", "MODIFIED a", "DELETED a", "ADDED b"), describe(events));
        assertEquals("1", ((WatchEvent.Change<Pod>) events.get(1)).object().metadata().labels().get("x"));
        w.cancel();
        assertInstanceOf(WatchEnd.Cancelled.class, rec.awaitEnd(WAIT));
        assertTrue(server.state().awaitOpenWatches(0, WAIT), "cancel closes the connection");
        assertEquals(0, client.openWatches());
    }

    @Test
    void selectorsAndBookmarksAndTimeoutAreSent() throws Exception {
        RecordingListener<Pod> rec = new RecordingListener<>();
        pods.watch(null, WatchOptions.from("100").withSelectors("app=web", "spec.nodeName=n1").withBookmarks(true)
                .withTimeoutSeconds(1), rec);
        pods.create(TestPods.onNode(pod("default", "skip", Map.of("app", "web")), "n2"));
        pods.create(TestPods.onNode(pod("default", "take", Map.of("app", "web")), "n1"));
        assertEquals(List.of("ADDED take"), describe(rec.awaitEvents(1, WAIT)));
        assertInstanceOf(WatchEnd.Finished.class, rec.awaitEnd(WAIT), "the server ends it after timeoutSeconds");
        PodWireTestServer.Recorded r = server.requests().get(0);
        assertEquals("/api/v1/pods", r.path());
        assertEquals(Map.of("watch", "true", "labelSelector", "app=web", "fieldSelector", "spec.nodeName=n1",
                "resourceVersion", "100", "allowWatchBookmarks", "true", "timeoutSeconds", "1"), r.query());
    }

    @Test
    void aCompactedResourceVersionGivesAnErrorEventWith410() throws Exception {
        pods.create(pod("default", "a"));
        pods.create(pod("default", "b"));
        server.state().compact();
        RecordingListener<Pod> rec = new RecordingListener<>();
        pods.watch("default", WatchOptions.from("100"), rec);
        WatchEvent<Pod> e = rec.awaitEvents(1, WAIT).get(0);
        WatchEvent.Failure<Pod> f = assertInstanceOf(WatchEvent.Failure.class, e);
        assertEquals(410, f.status().code());
        assertEquals("Expired", f.status().reason());
        assertInstanceOf(WatchEnd.Finished.class, rec.awaitEnd(WAIT));
    }

    @Test
    void aBrokenStreamEndsAsATransientFailure() throws Exception {
        RecordingListener<Pod> rec = new RecordingListener<>();
        pods.watch("default", WatchOptions.from(null), rec);
        assertTrue(server.state().awaitOpenWatches(1, WAIT));
        pods.create(pod("default", "a"));
        rec.awaitEvents(1, WAIT);
        server.state().breakWatches();
        WatchEnd.Failed failed = assertInstanceOf(WatchEnd.Failed.class, rec.awaitEnd(WAIT));
        assertInstanceOf(TransientException.class, failed.cause());
    }

    @Test
    void anErrorResponseEndsTheWatchWithTheTypedException() throws Exception {
        try (PodWireTestServer locked = PodWireTestServer.startTls(null, "secret");
             KubeClient anonymous = KubeClient.create(ClientConfig.of(locked.uri()))) {
            RecordingListener<Pod> rec = new RecordingListener<>();
            anonymous.pods().watch("default", WatchOptions.from(null), rec);
            WatchEnd.Failed failed = assertInstanceOf(WatchEnd.Failed.class, rec.awaitEnd(WAIT));
            assertInstanceOf(UnauthorizedException.class, failed.cause());
        }
    }

    @Test
    void withoutAResourceVersionTheCurrentStateComesAsAdds() throws Exception {
        pods.create(pod("default", "a"));
        pods.create(pod("default", "b"));
        RecordingListener<Pod> rec = new RecordingListener<>();
        pods.watch("default", WatchOptions.from(null), rec);
        assertEquals(List.of("ADDED a", "ADDED b"), describe(rec.awaitEvents(2, WAIT)));
    }

    @Test
    void closingTheClientCancelsItsWatches() throws Exception {
        RecordingListener<Pod> rec = new RecordingListener<>();
        pods.watch("default", WatchOptions.from(null), rec);
        assertTrue(server.state().awaitOpenWatches(1, WAIT));
        client.close();
        assertInstanceOf(WatchEnd.Cancelled.class, rec.awaitEnd(WAIT));
        assertTrue(server.state().awaitOpenWatches(0, WAIT));
    }

    static List<String> describe(List<WatchEvent<Pod>> events) {
        return events.stream().map(e -> e instanceof WatchEvent.Change<Pod> c
                ? c.type() + " " + c.object().metadata().name() : "ERROR").collect(Collectors.toList());
    }
}
