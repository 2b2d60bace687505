package dev.keel.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.apiserver.watch.WatchCacheConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** watch=true over HTTP, served from the watch cache. The cache keeps a window of 20 events per resource. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchTest {
    private static final long WAIT = 10_000;
    private TestCluster cluster;
    private Http http;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = TestCluster.start(dir, 1, c -> c.withWatchCache(WatchCacheConfig.defaults().withWindowEvents(20)
                .withBookmarkInterval(Duration.ofMillis(500))));
        http = new Http(cluster.httpUrl());
        assertEquals(201, http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"w\"}}").code());
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void eventsFollowTheListInOrder() throws Exception {
        String rv = http.get("/api/v1/namespaces/w/services").json().path("metadata").path("resourceVersion").asText();
        try (WatchStream w = new WatchStream(http, "/api/v1/namespaces/w/services?watch=true&resourceVersion=" + rv)) {
            String created = http.post("/api/v1/namespaces/w/services", service("s1")).json().path("metadata")
                    .path("resourceVersion").asText();
            String patched = http.patch("/api/v1/namespaces/w/services/s1", "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}").json().path("metadata").path("resourceVersion").asText();
            assertEquals(200, http.delete("/api/v1/namespaces/w/services/s1").code());
            JsonNode a = w.nextChange(WAIT);
            JsonNode m = w.nextChange(WAIT);
            JsonNode d = w.nextChange(WAIT);
            assertEquals("ADDED", a.path("type").asText());
            assertEquals(created, a.path("object").path("metadata").path("resourceVersion").asText());
            assertEquals("MODIFIED", m.path("type").asText());
            assertEquals(patched, m.path("object").path("metadata").path("resourceVersion").asText());
            assertEquals("y", m.path("object").path("metadata").path("labels").path("x").asText());
            assertEquals("DELETED", d.path("type").asText());
            assertTrue(Long.parseLong(d.path("object").path("metadata").path("resourceVersion").asText())
                    > Long.parseLong(patched));
        }
    }

    @Test
    void anObjectLeavingTheSelectorIsDeletedForTheWatcher() throws Exception {
        http.post("/api/v1/namespaces/w/pods", pod("p1", "a"));
        try (WatchStream w = new WatchStream(http, "/api/v1/namespaces/w/pods?watch=true&labelSelector=app%3Da")) {
            JsonNode initial = w.nextChange(WAIT);
            assertEquals("ADDED", initial.path("type").asText(), "the current state comes first");
            assertEquals("p1", initial.path("object").path("metadata").path("name").asText());
            http.patch("/api/v1/namespaces/w/pods/p1", "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"app\":\"b\"}}}");
            JsonNode left = w.nextChange(WAIT);
            assertEquals("DELETED", left.path("type").asText());
            http.patch("/api/v1/namespaces/w/pods/p1", "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"app\":\"a\"}}}");
            assertEquals("ADDED", w.nextChange(WAIT).path("type").asText());
        }
    }

    @Test
    void aResourceVersionOlderThanTheWindowGetsAnExpiredError() throws Exception {
        String first = http.post("/api/v1/namespaces/w/endpoints", "{\"metadata\":{\"name\":\"e\"}}").json()
                .path("metadata").path("resourceVersion").asText();
        for (int i = 0; i < 25; i++) {
            http.patch("/api/v1/namespaces/w/endpoints/e", "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"i\":\"" + i + "\"}}}");
        }
        try (WatchStream w = new WatchStream(http, "/api/v1/namespaces/w/endpoints?watch=true&resourceVersion=" + first)) {
            assertEquals(200, w.status());
            JsonNode e = w.next(WAIT);
            assertEquals("ERROR", e.path("type").asText());
            assertEquals(410, e.path("object").path("code").asInt());
            assertEquals("Expired", e.path("object").path("reason").asText());
            assertEquals("Status", e.path("object").path("kind").asText());
            w.awaitEnd(Duration.ofSeconds(10));
        }
    }

    @Test
    void bookmarksAndTimeouts() throws Exception {
        try (WatchStream w = new WatchStream(http,
                "/apis/coordination.k8s.io/v1/namespaces/w/leases?watch=true&allowWatchBookmarks=true&timeoutSeconds=2")) {
            JsonNode b = w.next(WAIT);
            assertEquals("BOOKMARK", b.path("type").asText());
            assertEquals("Lease", b.path("object").path("kind").asText());
            assertTrue(b.path("object").path("metadata").path("resourceVersion").asLong() > 0);
            w.awaitEnd(Duration.ofSeconds(10));
        }
        try (WatchStream w = new WatchStream(http, "/apis/coordination.k8s.io/v1/namespaces/w/leases?watch=true&timeoutSeconds=1")) {
            w.awaitEnd(Duration.ofSeconds(10)); // no bookmarks asked: the stream just ends
        }
    }

    @Test
    void tableWatchesCarryOneRowPerEvent() throws Exception {
        Http.Reply list = http.get("/api/v1/namespaces/w/pods", "application/json;as=Table;v=v1;g=meta.k8s.io");
        String rv = list.json().path("metadata").path("resourceVersion").asText();
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base()
                        + "/api/v1/namespaces/w/pods?watch=true&resourceVersion=" + rv))
                .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io").build();
        var resp = http.client().sendAsync(req, java.net.http.HttpResponse.BodyHandlers.ofLines());
        http.post("/api/v1/namespaces/w/pods", pod("t1", "t"));
        try (var lines = resp.get(10, java.util.concurrent.TimeUnit.SECONDS).body()) {
            JsonNode e = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.filter(l -> !l.isBlank())
                    .findFirst().orElseThrow());
            assertEquals("ADDED", e.path("type").asText());
            assertEquals("Table", e.path("object").path("kind").asText());
            assertEquals("t1", e.path("object").path("rows").get(0).path("cells").get(0).asText());
        }
    }

    private static String service(String name) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"ports\":[{\"port\":80}]}}";
    }

    static String pod(String name, String app) {
        return "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"" + app + "\"}},\"spec\":"
                + "{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}";
    }
}
