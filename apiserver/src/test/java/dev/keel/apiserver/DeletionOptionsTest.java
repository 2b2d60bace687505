package dev.keel.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Propagation policies, deletecollection and dryRun through the HTTP API (plain HTTP port, one store replica); a
 * namespace per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeletionOptionsTest {
    private TestCluster cluster;
    private Http http;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = TestCluster.start(dir, 1);
        http = new Http(cluster.httpUrl());
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private String ns(String name) {
        assertEquals(201, http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}").code());
        return "/api/v1/namespaces/" + name;
    }

    private static String deploys(String ns) {
        return ns.replace("/api/v1/", "/apis/apps/v1/") + "/deployments";
    }

    @Test
    void foregroundAndOrphanLeaveTheObjectToTheGarbageCollector() {
        String d = deploys(ns("prop"));
        http.post(d, deployment("fg"));
        JsonNode fg = http.send("DELETE", d + "/fg", "{\"propagationPolicy\":\"Foreground\"}", "application/json",
                null).json();
        assertFalse(fg.path("metadata").path("deletionTimestamp").isMissingNode(), fg.toString());
        assertEquals(List.of("foregroundDeletion"), strings(fg.path("metadata").path("finalizers")));
        assertEquals(200, http.get(d + "/fg").code(), "stays until the garbage collector removes the finalizer");
        assertEquals(200, http.patch(d + "/fg", "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":null}}").code());
        assertEquals(404, http.get(d + "/fg").code(), "gone once the last finalizer is");

        http.post(d, deployment("or"));
        JsonNode or = http.delete(d + "/or?propagationPolicy=Orphan").json();
        assertEquals(List.of("orphan"), strings(or.path("metadata").path("finalizers")));
        http.post(d, deployment("or2"));
        JsonNode or2 = http.send("DELETE", d + "/or2", "{\"orphanDependents\":true}", "application/json", null).json();
        assertEquals(List.of("orphan"), strings(or2.path("metadata").path("finalizers")));
        JsonNode switched = http.send("DELETE", d + "/or2", "{\"propagationPolicy\":\"Foreground\"}",
                "application/json", null).json();
        assertEquals(List.of("foregroundDeletion"), strings(switched.path("metadata").path("finalizers")),
                "a later delete with another policy swaps the garbage collector's finalizer");

        http.post(d, deployment("bg"));
        http.send("DELETE", d + "/bg", "{\"propagationPolicy\":\"Background\"}", "application/json", null);
        assertEquals(404, http.get(d + "/bg").code());

        Http.Reply bad = http.send("DELETE", d + "/or", "{\"propagationPolicy\":\"Sideways\"}", "application/json",
                null);
        assertEquals(422, bad.code(), bad.body());
        assertEquals(422, http.send("DELETE", d + "/or", "{\"propagationPolicy\":\"Orphan\",\"orphanDependents\":"
                + "true}", "application/json", null).code());
    }

    @Test
    void aPodStoppingGracefullyOutlivesItsLastFinalizer() {
        String ns = ns("grace");
        http.post(ns + "/pods", "{\"metadata\":{\"name\":\"p\",\"finalizers\":[\"keel.dev/x\"]},\"spec\":"
                + "{\"nodeName\":\"n1\",\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}");
        JsonNode marked = http.delete(ns + "/pods/p").json();
        assertEquals(30, marked.path("metadata").path("deletionGracePeriodSeconds").asInt());
        http.patch(ns + "/pods/p", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
        assertEquals(200, http.get(ns + "/pods/p").code(), "the node agent has not confirmed yet");
        http.send("DELETE", ns + "/pods/p", "{\"gracePeriodSeconds\":0}", "application/json", null);
        assertEquals(404, http.get(ns + "/pods/p").code());
    }

    @Test
    void deleteCollectionDeletesWhatTheSelectorsMatch() {
        String ns = ns("coll");
        for (String name : List.of("a1", "a2", "b1")) {
            http.post(ns + "/pods", "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\""
                    + name.charAt(0) + "\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}");
        }
        http.post(ns + "/pods/a2/binding", "{\"metadata\":{\"name\":\"a2\"},\"target\":{\"name\":\"n1\"}}");
        Http.Reply dry = http.send("DELETE", ns + "/pods?labelSelector=app%3Da&dryRun=All", null, null, null);
        assertEquals(200, dry.code(), dry.body());
        assertEquals(3, http.get(ns + "/pods").json().path("items").size(), "dry run deletes nothing");

        JsonNode deleted = http.send("DELETE", ns + "/pods?labelSelector=app%3Da", null, null, null).json();
        assertEquals("PodList", deleted.path("kind").asText());
        List<String> names = new ArrayList<>();
        deleted.path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
        assertEquals(List.of("a1", "a2"), names.stream().sorted().toList());
        JsonNode left = http.get(ns + "/pods").json();
        List<String> leftNames = new ArrayList<>();
        left.path("items").forEach(i -> leftNames.add(i.path("metadata").path("name").asText()));
        assertEquals(List.of("a2", "b1"), leftNames, "the bound pod stops gracefully");
        assertFalse(http.get(ns + "/pods/a2").json().path("metadata").path("deletionTimestamp").isMissingNode());

        JsonNode byField = http.send("DELETE", ns + "/pods?fieldSelector=metadata.name%3Db1", null, null, null).json();
        assertEquals(1, byField.path("items").size());
        assertEquals(404, http.get(ns + "/pods/b1").code());
        assertEquals(405, http.send("DELETE", "/api/v1/namespaces", null, null, null).code());
    }

    @Test
    void dryRunWritesNothing() {
        String ns = ns("dry");
        String d = deploys(ns);
        JsonNode created = http.post(d + "?dryRun=All", deployment("x")).json();
        assertEquals("x", created.path("metadata").path("name").asText());
        assertEquals(36, created.path("metadata").path("uid").asText().length());
        assertTrue(created.path("metadata").path("resourceVersion").isMissingNode(), created.toString());
        assertEquals(1, created.path("spec").path("template").path("spec").path("containers").size());
        assertEquals(404, http.get(d + "/x").code());
        assertEquals(422, http.post(d + "?dryRun=All", deployment("Bad_Name")).code(), "validated all the same");

        JsonNode real = http.post(d, deployment("x")).json();
        String rv = real.path("metadata").path("resourceVersion").asText();
        assertEquals(409, http.post(d + "?dryRun=All", deployment("x")).code(), "exists");
        JsonNode patched = http.patch(d + "/x?dryRun=All", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":7}}").json();
        assertEquals(7, patched.path("spec").path("replicas").asInt());
        assertEquals(rv, patched.path("metadata").path("resourceVersion").asText());
        JsonNode put = http.put(d + "/x?dryRun=All", deployment("x").replace("\"replicas\":1", "\"replicas\":5"))
                .json();
        assertEquals(5, put.path("spec").path("replicas").asInt(), put.toString());
        JsonNode stored = http.get(d + "/x").json();
        assertEquals(1, stored.path("spec").path("replicas").asInt());
        assertEquals(rv, stored.path("metadata").path("resourceVersion").asText());

        assertEquals(200, http.delete(d + "/x?dryRun=All").code());
        assertEquals(200, http.send("DELETE", d + "/x", "{\"dryRun\":[\"All\"]}", "application/json", null).code());
        assertEquals(rv, http.get(d + "/x").json().path("metadata").path("resourceVersion").asText());
        assertEquals(200, http.delete(ns + "?dryRun=All").code());
        assertEquals("Active", http.get(ns).json().path("status").path("phase").asText());

        Http.Reply bad = http.post(d + "?dryRun=Some", deployment("y"));
        assertEquals(400, bad.code());
        assertTrue(bad.body().contains("dryRun"), bad.body());

        JsonNode svc = http.post(ns + "/services?dryRun=All", "{\"metadata\":{\"name\":\"s\"},\"spec\":{\"ports\":"
                + "[{\"port\":80}]}}").json();
        String ip = svc.path("spec").path("clusterIP").asText();
        assertTrue(ip.startsWith("127.96."), svc.toString());
        assertEquals(201, http.post(ns + "/services", "{\"metadata\":{\"name\":\"s\"},\"spec\":{\"clusterIP\":\""
                + ip + "\",\"ports\":[{\"port\":80}]}}").code(), "a dry run claims no IP");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String deployment(String name) {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"d\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"d\"}},\"spec\":{\"containers\":"
                + "[{\"name\":\"c\",\"image\":\"x\"}]}}}}";
    }
}
