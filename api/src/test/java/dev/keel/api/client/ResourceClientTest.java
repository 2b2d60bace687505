package dev.keel.api.client;

import dev.keel.api.core.Binding;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodStatus;
import dev.keel.api.meta.ObjectList;
import dev.keel.api.testserver.PodWireTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.keel.api.client.TestPods.labelled;
import static dev.keel.api.client.TestPods.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Typed CRUD, list, patch, delete and subresource calls against {@link PodWireTestServer} over real HTTP. */
class ResourceClientTest {
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
    void createGetUpdateDeleteRoundTrip() {
        Pod created = pods.create(pod("default", "web"));
        assertNotNull(created.metadata().uid());
        assertNotNull(created.metadata().resourceVersion());
        assertEquals("busybox", pods.get("default", "web").spec().containers().get(0).image());

        Pod changed = pods.update(labelled(created, "tier", "front"));
        assertEquals("front", changed.metadata().labels().get("tier"));
        assertNotEquals(created.metadata().resourceVersion(), changed.metadata().resourceVersion());

        Optional<Pod> deleted = pods.delete("default", "web", DeleteOptions.defaults());
        assertEquals("web", deleted.orElseThrow().metadata().name());
        NotFoundException gone = assertThrows(NotFoundException.class, () -> pods.get("default", "web"));
        assertEquals(404, gone.code());
        assertEquals("NotFound", gone.reason());
        assertEquals("GET /api/v1/namespaces/default/pods/web: 404 NotFound: pods \"web\" not found",
                gone.getMessage());
    }

    @Test
    void createWithoutNamespaceUsesTheDefaultNamespace() {
        Pod created = pods.create(pod(null, "plain"));
        assertEquals("default", created.metadata().namespace());
        assertEquals("/api/v1/namespaces/default/pods", server.requests().get(0).path());
    }

    @Test
    void createOfATakenNameIsAlreadyExists() {
        pods.create(pod("default", "web"));
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class,
                () -> pods.create(pod("default", "web")));
        assertEquals(409, e.code());
        assertTrue(e.serverMessage().contains("already exists"), e.getMessage());
        assertFalse(e.isTransient());
    }

    @Test
    void updateWithAStaleResourceVersionIsConflict() {
        Pod v1 = pods.create(pod("default", "web"));
        pods.update(labelled(v1, "a", "1"));
        ConflictException e = assertThrows(ConflictException.class, () -> pods.update(labelled(v1, "a", "2")));
        assertEquals("Conflict", e.reason());
        assertTrue(e.serverMessage().contains("the object has been modified"), e.getMessage());
        assertEquals("1", pods.get("default", "web").metadata().labels().get("a"));
    }

    @Test
    void listFollowsSelectorsAndPages() {
        for (int i = 0; i < 7; i++) {
            pods.create(pod("default", "p" + i, Map.of("app", i % 2 == 0 ? "web" : "db")));
        }
        pods.create(pod("other", "x", Map.of("app", "web")));

        ObjectList<Pod> first = pods.list("default", ListOptions.all().withLimit(3));
        assertEquals(List.of("p0", "p1", "p2"), names(first));
        assertNotNull(first.metadata().continueToken());
        ObjectList<Pod> second = pods.list("default", ListOptions.all().withLimit(3)
                .withContinue(first.metadata().continueToken()));
        assertEquals(List.of("p3", "p4", "p5"), names(second));
        assertEquals(first.metadata().resourceVersion(), second.metadata().resourceVersion());

        ObjectList<Pod> all = pods.listAll("default", ListOptions.all().withLimit(2));
        assertEquals(7, all.items().size());
        assertNull(all.metadata().continueToken());
        assertEquals(6, server.requests().stream().filter(r -> r.method().equals("GET")).count(),
                "2 single pages + 4 pages of listAll");

        ObjectList<Pod> web = pods.list(null, ListOptions.all().withLabelSelector("app in (web)"));
        assertEquals(List.of("p0", "p2", "p4", "p6", "x"), names(web));
        assertEquals("app in (web)", server.requests().get(server.requests().size() - 1).query()
                .get("labelSelector"));

        ObjectList<Pod> one = pods.list("default", ListOptions.all().withFieldSelector("metadata.name=p3"));
        assertEquals(List.of("p3"), names(one));
    }

    @Test
    void listAllStartsAgainWithoutALimitWhenTheContinueTokenExpires() throws Exception {
        for (int i = 0; i < 4; i++) {
            pods.create(pod("default", "p" + i));
        }
        ObjectList<Pod> first = pods.list("default", ListOptions.all().withLimit(2));
        pods.create(pod("default", "p9"));
        server.state().compact();
        GoneException e = assertThrows(GoneException.class, () -> pods.list("default",
                ListOptions.all().withLimit(2).withContinue(first.metadata().continueToken())));
        assertEquals("Expired", e.reason());

        // listAll: the first page is fine, the second one's token expired -> one more list without a limit.
        server.expireNextContinue();
        int before = server.requests().size();
        CompletableFuture<ObjectList<Pod>> all = pods.listAllAsync("default", ListOptions.all().withLimit(2));
        assertEquals(5, all.get(5, TimeUnit.SECONDS).items().size());
        List<PodWireTestServer.Recorded> calls = server.requests().subList(before, server.requests().size());
        assertEquals(3, calls.size());
        assertNull(calls.get(2).query().get("limit"));
    }

    @Test
    void mergePatchAndUnsupportedPatchTypes() {
        pods.create(pod("default", "web", Map.of("a", "1")));
        Pod patched = pods.patch("default", "web", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"a\":null,\"b\":\"2\"}}}");
        assertEquals(Map.of("b", "2"), patched.metadata().labels());
        assertEquals("application/merge-patch+json", last().headers().get("content-type"));

        StatusException e = assertThrows(StatusException.class, () -> pods.patch("default", "web", PatchType.JSON,
                "[{\"op\":\"remove\",\"path\":\"/metadata/labels/b\"}]"));
        assertEquals(415, e.code());
        assertEquals("application/json-patch+json", last().headers().get("content-type"));
    }

    @Test
    void statusUpdateAndBinding() {
        Pod created = pods.create(pod("default", "web"));
        Pod running = pods.updateStatus(created.withStatus(PodStatus.builder().phase("Running").build()));
        assertEquals("Running", running.status().phase());
        assertEquals("/api/v1/namespaces/default/pods/web/status", last().path());

        pods.bind(Binding.of("default", "web", "node-1"));
        assertEquals("node-1", pods.get("default", "web").spec().nodeName());
        assertThrows(ConflictException.class, () -> pods.bind(Binding.of("default", "web", "node-2")));
        assertThrows(UnsupportedOperationException.class, () -> client.nodes().bindAsync(
                Binding.of(null, "n", "x")));
    }

    @Test
    void deleteSendsGracePeriodAndPropagation() {
        pods.create(pod("default", "web"));
        pods.delete("default", "web", DeleteOptions.defaults().withGracePeriodSeconds(0L)
                .withPropagation(DeleteOptions.Propagation.FOREGROUND));
        PodWireTestServer.Recorded r = last();
        assertEquals("DELETE", r.method());
        assertEquals("0", r.query().get("gracePeriodSeconds"));
        assertEquals("Foreground", r.query().get("propagationPolicy"));
        assertEquals("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\",\"gracePeriodSeconds\":0,"
                + "\"propagationPolicy\":\"Foreground\"}", r.body());
    }

    @Test
    void serverErrorsAreTransient() {
        server.failNext(1, 503);
        TransientException e = assertThrows(TransientException.class, () -> pods.get("default", "x"));
        assertEquals(503, e.code());
        assertTrue(e.isTransient());
        assertThrows(NotFoundException.class, () -> pods.get("default", "x"));
    }

    @Test
    void asyncCallsRunConcurrently() throws Exception {
        List<CompletableFuture<Pod>> creates = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            creates.add(pods.createAsync(pod("default", "p" + i)));
        }
        CompletableFuture.allOf(creates.toArray(new CompletableFuture[0])).get(10, TimeUnit.SECONDS);
        assertEquals(20, server.state().size());
    }

    private PodWireTestServer.Recorded last() {
        List<PodWireTestServer.Recorded> all = server.requests();
        return all.get(all.size() - 1);
    }

    private static List<String> names(ObjectList<Pod> list) {
        return list.items().stream().map(p -> p.metadata().name()).collect(Collectors.toList());
    }
}
