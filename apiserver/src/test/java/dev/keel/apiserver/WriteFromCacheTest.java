package dev.keel.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.keel.kvstore.client.KvClient;
import dev.keel.kvstore.client.KvClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes that start from the watch cache's copies (the namespace check of a create, updates and patches from the
 * cached object with a compare-and-swap on its revision) answer exactly as reads from the store would: a copy that
 * is missing or behind the store costs a store read, never a wrong answer. One store replica; a namespace per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteFromCacheTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MERGE = "application/merge-patch+json";

    private TestCluster cluster;
    private Http http;
    private KvClient store;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = TestCluster.start(dir, 1);
        http = new Http(cluster.httpUrl());
        store = new KvClient(KvClientConfig.of(cluster.storeEndpoints()));
    }

    @AfterAll
    void stop() {
        if (store != null) {
            store.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private String ns(String name) {
        Http.Reply r = http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}");
        assertEquals(201, r.code(), r.body());
        return "/api/v1/namespaces/" + name;
    }

    /** An Endpoints object (a kind with no rules on its content) with {@code annotations}. */
    private static String object(String name, String annotations) {
        return "{\"metadata\":{\"name\":\"" + name + "\",\"annotations\":{" + annotations + "}}}";
    }

    @Test
    void aCreateRightAfterItsNamespaceIsCreatedSucceeds() {
        for (int i = 0; i < 30; i++) {
            String ns = ns("fresh-" + i); // the watch cache may not have the namespace yet: the store answers
            Http.Reply r = http.post(ns + "/endpoints", object("c", "\"k\":\"v\""));
            assertEquals(201, r.code(), r.body());
        }
    }

    @Test
    void aCreateInAMissingNamespaceIsNotFound() {
        Http.Reply r = http.post("/api/v1/namespaces/never-made/endpoints", object("c", ""));
        assertEquals(404, r.code(), r.body());
        assertEquals("namespaces \"never-made\" not found", r.json().path("message").asText());
    }

    @Test
    void aCreateInATerminatingNamespaceIsForbiddenWithTheSameMessage() throws Exception {
        String ns = ns("closing");
        assertEquals(201, http.post(ns + "/endpoints", object("before", "")).code());
        assertEquals(200, http.delete(ns).code()); // stays Terminating: no namespace controller finalizes it here
        // the store has it Terminating at once; the watch cache a moment later (until then a create may still get
        // in, as in Kubernetes, whose admission asks an informer): wait for the first refusal, then every create is
        Http.Reply refused = awaitRefusal(ns + "/endpoints", Duration.ofSeconds(10));
        assertEquals(403, refused.code(), refused.body());
        String message = "unable to create new content in namespace closing because it is being terminated";
        assertEquals(message, refused.json().path("message").asText());
        for (int i = 0; i < 5; i++) {
            Http.Reply r = http.post(ns + "/endpoints", object("late-" + i, ""));
            assertEquals(403, r.code(), r.body());
            assertEquals(message, r.json().path("message").asText());
        }
    }

    private Http.Reply awaitRefusal(String path, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int n = 0;
        while (true) {
            Http.Reply r = http.post(path, object("probe-" + n++, ""));
            if (r.code() != 201 || System.nanoTime() > deadline) {
                return r;
            }
            Thread.sleep(20); // the cache has no event a test can wait on; bounded by the deadline
        }
    }

    /**
     * The object changes behind the apiserver's back (a direct store write), and an update follows at once, while
     * the watch cache may still hold the older copy: the answer is the store's, every time.
     */
    @Test
    void updatesAfterAWriteTheCacheHasNotSeenAnswerAsTheStoreDictates() throws Exception {
        String eps = ns("stale") + "/endpoints";
        for (int i = 0; i < 25; i++) {
            String name = "c" + i;
            Http.Reply created = http.post(eps, object(name, "\"api\":\"0\""));
            assertEquals(201, created.code(), created.body());
            String oldRv = created.json().path("metadata").path("resourceVersion").asText();
            long directRv = writeBehindTheApisBack("/registry/endpoints/stale/" + name, "direct", "1");

            // a PUT pinned to the version the store had before: 409, even when the cache still has that version
            ObjectNode stalePut = (ObjectNode) created.json().deepCopy();
            ((ObjectNode) stalePut.path("metadata").path("annotations")).put("api", "stale");
            Http.Reply conflict = http.put(eps + "/" + name, stalePut.toString());
            assertEquals(409, conflict.code(), "rv " + oldRv + " is no longer the store's: " + conflict.body());

            // pinned to the store's version: accepted, even when the cache is still behind (no false 409)
            ObjectNode freshPut = (ObjectNode) created.json().deepCopy();
            ((ObjectNode) freshPut.path("metadata")).put("resourceVersion", Long.toString(directRv));
            ((ObjectNode) freshPut.path("metadata").path("annotations")).put("direct", "1").put("api", "2");
            Http.Reply put = http.put(eps + "/" + name, freshPut.toString());
            assertEquals(200, put.code(), put.body());

            // an unpinned patch right after another direct write keeps that write
            writeBehindTheApisBack("/registry/endpoints/stale/" + name, "direct2", "1");
            Http.Reply patched = http.patch(eps + "/" + name, MERGE,
                    "{\"metadata\":{\"annotations\":{\"patched\":\"1\"}}}");
            assertEquals(200, patched.code(), patched.body());
            JsonNode annotations = patched.json().path("metadata").path("annotations");
            assertEquals("1", annotations.path("direct2").asText(), "the direct write is not lost: " + annotations);
            assertEquals("2", annotations.path("api").asText(), annotations.toString());
            assertEquals("1", annotations.path("patched").asText(), annotations.toString());
            assertEquals(annotations, http.get(eps + "/" + name).json().path("metadata").path("annotations"));
        }
    }

    /** Adds the annotation {@code key: value} to the stored object at {@code key}; answers the store's revision. */
    private long writeBehindTheApisBack(String storeKey, String key, String value) throws Exception {
        ByteString k = ByteString.copyFromUtf8(storeKey);
        ObjectNode stored = (ObjectNode) JSON.readTree(store.get(k).orElseThrow().getValue().toByteArray());
        ((ObjectNode) stored.path("metadata").path("annotations")).put(key, value);
        return store.put(k, ByteString.copyFrom(JSON.writeValueAsBytes(stored))).getHeader().getRevision();
    }

    @Test
    void concurrentPatchesOfOneObjectLoseNoUpdate() throws Exception {
        String eps = ns("crowd") + "/endpoints";
        assertEquals(201, http.post(eps, object("shared", "")).code());
        // 8 writers: each failed compare-and-swap is another writer's success, so no writer fails more than 7 times,
        // within the apiserver's 8 tries of an unpinned change (more writers could earn one a legitimate 409)
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String label = "{\"metadata\":{\"labels\":{\"w" + i + "\":\"yes\"}}}";
                replies.add(pool.submit(() -> http.patch(eps + "/shared", MERGE, label)));
            }
            for (Future<Http.Reply> f : replies) {
                Http.Reply r = f.get(60, TimeUnit.SECONDS);
                assertEquals(200, r.code(), r.body());
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        JsonNode labels = http.get(eps + "/shared").json().path("metadata").path("labels");
        for (int i = 0; i < writers; i++) {
            assertEquals("yes", labels.path("w" + i).asText(), "label w" + i + " lost: " + labels);
        }
    }
}
