package dev.keel.api.informer;

import dev.keel.api.client.ClientConfig;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.ResourceClient;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.OwnerReference;
import dev.keel.api.testserver.PodWireTestServer;
import dev.keel.api.workqueue.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.keel.api.client.TestPods.labelled;
import static dev.keel.api.client.TestPods.onNode;
import static dev.keel.api.client.TestPods.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The informer against {@link PodWireTestServer}: sync, event order, relist after 410 and broken streams. */
class InformerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration BASE = Duration.ofMillis(100);

    private PodWireTestServer server;
    private KubeClient client;
    private ResourceClient<Pod> pods;
    private ScheduledExecutorService pool;
    private final ManualScheduler manual = new ManualScheduler();
    private Informer<Pod> informer;

    @BeforeEach
    void start() throws Exception {
        server = PodWireTestServer.start();
        client = KubeClient.create(ClientConfig.of(server.uri()));
        pods = client.pods();
        pool = Executors.newScheduledThreadPool(2);
    }

    @AfterEach
    void stop() throws Exception {
        if (informer != null) {
            informer.close();
        }
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        client.close();
        server.close();
    }

    private Informer<Pod> informer(InformerConfig config, Scheduler scheduler) {
        informer = new Informer<>(pods, config.withBackoff(BASE, Duration.ofSeconds(1)), pool, scheduler,
                Ticker.system());
        return informer;
    }

    @Test
    void syncsTheInitialListIntoAnIndexedCache() throws Exception {
        Pod owner = pods.create(pod("default", "owner"));
        pods.create(onNode(pod("default", "a"), "n1"));
        Pod b = pod("default", "b");
        pods.create(onNode(b.withMetadata(b.metadata().toBuilder()
                .ownerReferences(List.of(OwnerReference.controllerOf(owner))).build()), "n1"));
        pods.create(pod("other", "c"));

        Informer<Pod> inf = informer(InformerConfig.defaults().withPageSize(2), manual);
        inf.addIndexer(Indexers.NODE_NAME, Indexers.nodeName());
        RecordingHandler h = new RecordingHandler();
        inf.addEventHandler(h);
        assertFalse(inf.hasSynced());
        inf.start();
        assertTrue(inf.awaitSynced(WAIT));
        assertEquals(Set.of("ADD default/owner", "ADD default/a", "ADD default/b", "ADD other/c"),
                Set.copyOf(h.awaitEvents(4, WAIT)));
        assertEquals(4, inf.cache().size());
        assertEquals(Set.of("a", "b"), names(inf.cache().byIndex(Indexers.NODE_NAME, "n1")));
        inf.addIndexer(Indexers.OWNER_UID, Indexers.ownerUid());
        assertEquals(Set.of("b"), names(inf.cache().byIndex(Indexers.OWNER_UID, owner.metadata().uid())));
        assertEquals(2, server.requests().stream().filter(r -> r.query().containsKey("limit")).count(),
                "4 pods in two pages of 2");
    }

    @Test
    void addsUpdatesAndDeletesArriveInOrder() throws Exception {
        Informer<Pod> inf = informer(InformerConfig.defaults().withNamespace("default"), manual);
        RecordingHandler h = new RecordingHandler();
        inf.addEventHandler(h);
        inf.start();
        assertTrue(inf.awaitSynced(WAIT));
        assertTrue(server.state().awaitOpenWatches(1, WAIT));

        Pod a = pods.create(pod("default", "a"));
        pods.create(pod("other", "ignored"));
        Pod a2 = pods.update(labelled(a, "v", "2"));
        pods.create(pod("default", "b"));
        pods.delete("default", "a", DeleteOptions.defaults());
        pods.update(labelled(pods.get("default", "b"), "v", "3"));

        assertEquals(List.of("ADD default/a", "UPDATE default/a", "ADD default/b", "DELETE default/a",
                "UPDATE default/b"), h.awaitEvents(5, WAIT));
        assertEquals(Set.of("default/b"), Set.copyOf(inf.cache().keys()));
        assertEquals("3", inf.cache().get("default", "b").orElseThrow().metadata().labels().get("v"));
        assertEquals(1, inf.listCount());
        assertTrue(a2.metadata().labels().containsKey("v"));
    }

    @Test
    void a410RelistsAtOnceAndEmitsTheDifferencesIncludingSyntheticDeletes() throws Exception {
        pods.create(pod("default", "a"));
        pods.create(pod("default", "b"));
        Pod c = pods.create(pod("default", "c"));
        Informer<Pod> inf = informer(InformerConfig.defaults(), manual);
        RecordingHandler h = new RecordingHandler();
        inf.addEventHandler(h);
        inf.start();
        h.awaitEvents(3, WAIT);
        assertTrue(server.state().awaitOpenWatches(1, WAIT));

        // Changes the watch never delivers (compacted away), then the watch gets 410 Expired.
        server.state().suppressWatchEvents(true);
        pods.delete("default", "b", DeleteOptions.defaults());
        pods.update(labelled(c, "changed", "yes"));
        pods.create(pod("default", "d"));
        server.state().suppressWatchEvents(false);
        server.state().expireWatches();

        List<String> after = h.awaitEvents(6, WAIT).subList(3, 6);
        assertEquals(List.of("DELETE default/b", "UPDATE default/c", "ADD default/d"), after);
        assertEquals(Set.of("default/a", "default/c", "default/d"), Set.copyOf(inf.cache().keys()));
        assertEquals("yes", inf.cache().get("default", "c").orElseThrow().metadata().labels().get("changed"));
        assertEquals(2, inf.listCount());
        assertEquals(0, manual.pending(), "the first 410 relists without waiting");

        // And the new watch is live.
        assertTrue(server.state().awaitOpenWatches(1, WAIT));
        pods.create(pod("default", "e"));
        assertEquals("ADD default/e", h.awaitEvents(7, WAIT).get(6));
        assertEquals(0, h.overlaps.get());
    }

    @Test
    void aBrokenStreamRelistsAfterTheBackoffOnTheInjectedClock() throws Exception {
        pods.create(pod("default", "a"));
        Informer<Pod> inf = informer(InformerConfig.defaults(), manual);
        RecordingHandler h = new RecordingHandler();
        inf.addEventHandler(h);
        inf.start();
        h.awaitEvents(1, WAIT);
        assertTrue(server.state().awaitOpenWatches(1, WAIT));

        server.state().suppressWatchEvents(true);
        pods.delete("default", "a", DeleteOptions.defaults());
        pods.create(pod("default", "b"));
        server.state().suppressWatchEvents(false);
        server.state().breakWatches();

        assertTrue(manual.awaitPending(1, WAIT), "a relist is scheduled");
        assertEquals(1, inf.listCount(), "nothing happens before the backoff passes");
        manual.advance(BASE.minusMillis(1));
        assertEquals(1, inf.listCount());
        manual.advance(Duration.ofMillis(1));
        assertEquals(List.of("ADD default/a", "DELETE default/a", "ADD default/b"), h.awaitEvents(3, WAIT));
        assertEquals(2, inf.listCount());
    }

    @Test
    void aFailedListIsRetriedWithGrowingBackoff() throws Exception {
        pods.create(pod("default", "a"));
        server.failNext(2, 503);
        Informer<Pod> inf = informer(InformerConfig.defaults(), manual);
        inf.start();
        assertTrue(manual.awaitPending(1, WAIT));
        manual.advance(BASE);
        assertTrue(manual.awaitPending(1, WAIT));
        assertFalse(inf.hasSynced());
        manual.advance(BASE); // the second delay is 2 * BASE
        assertFalse(inf.awaitSynced(Duration.ofMillis(200)));
        manual.advance(BASE);
        assertTrue(inf.awaitSynced(WAIT));
        assertEquals(3, inf.listCount());
    }

    @Test
    void resyncSendsEveryCachedObjectAgain() throws Exception {
        pods.create(pod("default", "a"));
        Informer<Pod> inf = informer(InformerConfig.defaults().withResyncPeriod(Duration.ofMinutes(1)), manual);
        RecordingHandler h = new RecordingHandler();
        inf.addEventHandler(h);
        inf.start();
        h.awaitEvents(1, WAIT);
        assertTrue(manual.awaitPending(1, WAIT));
        manual.advance(Duration.ofMinutes(1));
        assertEquals(List.of("ADD default/a", "RESYNC default/a"), h.awaitEvents(2, WAIT));
    }

    @Test
    void aLateHandlerGetsTheCacheAsAdds() throws Exception {
        pods.create(pod("default", "a"));
        pods.create(pod("default", "b"));
        Informer<Pod> inf = informer(InformerConfig.defaults(), manual);
        inf.start();
        assertTrue(inf.awaitSynced(WAIT));
        RecordingHandler late = new RecordingHandler();
        inf.addEventHandler(late);
        assertEquals(Set.of("ADD default/a", "ADD default/b"), Set.copyOf(late.awaitEvents(2, WAIT)));
    }

    @Test
    void closeStopsTheWatchAndTheHandlers() throws Exception {
        Informer<Pod> inf = informer(InformerConfig.defaults(), manual);
        RecordingHandler h = new RecordingHandler();
        inf.addEventHandler(h);
        inf.start();
        assertTrue(inf.awaitSynced(WAIT));
        assertTrue(server.state().awaitOpenWatches(1, WAIT));
        inf.close();
        assertTrue(server.state().awaitOpenWatches(0, WAIT));
        pods.create(pod("default", "late"));
        assertEquals(List.of(), h.events());
    }

    @Test
    void aCleanWatchEndResumesFromTheLastResourceVersionWithoutAList() throws Exception {
        Informer<Pod> inf = informer(InformerConfig.defaults(), manual);
        RecordingHandler h = new RecordingHandler();
        inf.addEventHandler(h);
        inf.start();
        assertTrue(server.state().awaitOpenWatches(1, WAIT));
        pods.create(pod("default", "a"));
        h.awaitEvents(1, WAIT);
        server.state().endWatches();
        assertTrue(server.state().awaitOpenWatches(1, WAIT));
        pods.create(pod("default", "b"));
        assertEquals(List.of("ADD default/a", "ADD default/b"), h.awaitEvents(2, WAIT));
        assertEquals(1, inf.listCount());
        assertEquals(2, inf.watchCount());
        String lastWatchRv = server.requests().stream().filter(r -> r.query().containsKey("watch"))
                .reduce((x, y) -> y).orElseThrow().query().get("resourceVersion");
        assertEquals(inf.cache().get("default", "a").orElseThrow().metadata().resourceVersion(), lastWatchRv);
    }

    private static Set<String> names(List<Pod> list) {
        return list.stream().map(p -> p.metadata().name()).collect(Collectors.toSet());
    }

    static Map<String, String> versions(List<Pod> list) {
        return list.stream().collect(Collectors.toMap(p -> p.metadata().key(), p -> p.metadata().resourceVersion()));
    }
}
