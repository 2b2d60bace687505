package dev.keel.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storage semantics and subresources through the HTTP API (plain HTTP port, one store replica). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSemanticsTest {
    private static final String NS = "/api/v1/namespaces/sem";
    private static final String DEPLOYS = "/apis/apps/v1/namespaces/sem/deployments";
    private TestCluster cluster;
    private Http http;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = TestCluster.start(dir, 1);
        http = new Http(cluster.httpUrl());
        assertEquals(201, http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"sem\"}}").code());
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void createSetsSystemFieldsAndGenerateName() {
        JsonNode p = http.post(NS + "/pods", "{\"metadata\":{\"generateName\":\"gen-\"},\"spec\":{\"containers\":"
                + "[{\"name\":\"c\",\"image\":\"x\"}]}}").json();
        String name = p.path("metadata").path("name").asText();
        assertTrue(name.matches("gen-[a-z0-9]{5}"), name);
        assertEquals(36, p.path("metadata").path("uid").asText().length());
        assertTrue(p.path("metadata").path("creationTimestamp").asText().endsWith("Z"));
        assertEquals("Pending", p.path("status").path("phase").asText());
        assertEquals("Always", p.path("spec").path("restartPolicy").asText(), "defaulted");
        assertEquals(200, http.get(NS + "/pods/" + name).code());
    }

    @Test
    void generationCountsSpecChangesOnly() {
        JsonNode d = http.post(DEPLOYS, deployment("gen", 1)).json();
        assertEquals(1, d.path("metadata").path("generation").asInt());
        JsonNode labelled = http.patch(DEPLOYS + "/gen", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}").json();
        assertEquals(1, labelled.path("metadata").path("generation").asInt());
        JsonNode scaled = http.patch(DEPLOYS + "/gen", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":3}}").json();
        assertEquals(2, scaled.path("metadata").path("generation").asInt());
        JsonNode same = http.patch(DEPLOYS + "/gen", "application/merge-patch+json", "{\"spec\":{\"replicas\":3}}")
                .json();
        assertEquals(scaled.path("metadata").path("resourceVersion"), same.path("metadata").path("resourceVersion"),
                "a patch that changes nothing writes nothing");
    }

    @Test
    void aPodUpdateThatChangesNothingWritesNothing() {
        // A stored pod holds defaulted numbers (terminationGracePeriodSeconds, a long): read back from the store they
        // are small ints, and must still compare equal to the update's.
        JsonNode created = http.post(NS + "/pods", pod("same")).json();
        assertEquals(30, created.path("spec").path("terminationGracePeriodSeconds").asInt(), "defaulted");
        JsonNode patched = http.patch(NS + "/pods/same", "application/merge-patch+json",
                "{\"spec\":{\"terminationGracePeriodSeconds\":30}}").json();
        assertEquals(created.path("metadata").path("resourceVersion"), patched.path("metadata").path("resourceVersion"));
        JsonNode put = http.put(NS + "/pods/same", patched.toString()).json();
        assertEquals(created.path("metadata").path("resourceVersion"), put.path("metadata").path("resourceVersion"),
                "a replace with the object as read writes nothing");
        JsonNode changed = http.patch(NS + "/pods/same", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}").json();
        assertNotEquals(created.path("metadata").path("resourceVersion"), changed.path("metadata").path("resourceVersion"));
    }

    @Test
    void statusAndMainUpdatesTouchTheirOwnPart() {
        http.post(DEPLOYS, deployment("st", 2));
        com.fasterxml.jackson.databind.node.ObjectNode body =
                (com.fasterxml.jackson.databind.node.ObjectNode) http.get(DEPLOYS + "/st").json();
        body.putObject("status").put("replicas", 2).put("readyReplicas", 1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("spec")).put("replicas", 9);
        JsonNode withStatus = http.put(DEPLOYS + "/st/status", body.toString()).json();
        assertEquals(2, withStatus.path("status").path("replicas").asInt());
        assertEquals(2, withStatus.path("spec").path("replicas").asInt(), "spec changes are ignored on /status");
        JsonNode main = http.patch(DEPLOYS + "/st", "application/merge-patch+json",
                "{\"status\":{\"replicas\":7},\"spec\":{\"replicas\":4}}").json();
        assertEquals(4, main.path("spec").path("replicas").asInt());
        assertEquals(2, main.path("status").path("replicas").asInt(), "status changes are ignored on the main resource");
    }

    @Test
    void scaleSubresource() {
        http.post(DEPLOYS, deployment("sc", 2));
        JsonNode scale = http.get(DEPLOYS + "/sc/scale").json();
        assertEquals("Scale", scale.path("kind").asText());
        assertEquals("autoscaling/v1", scale.path("apiVersion").asText());
        assertEquals(2, scale.path("spec").path("replicas").asInt());
        assertEquals("app=sc", scale.path("status").path("selector").asText());
        String put = "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":{\"name\":\"sc\","
                + "\"resourceVersion\":\"" + scale.path("metadata").path("resourceVersion").asText()
                + "\"},\"spec\":{\"replicas\":5}}";
        assertEquals(5, http.send("PUT", DEPLOYS + "/sc/scale", put, null, null).json().path("spec").path("replicas")
                .asInt());
        assertEquals(409, http.send("PUT", DEPLOYS + "/sc/scale", put, null, null).code(), "stale resourceVersion");
        assertEquals(5, http.get(DEPLOYS + "/sc").json().path("spec").path("replicas").asInt());
    }

    @Test
    void bindingAssignsANodeOnce() {
        http.post(NS + "/pods", pod("b1"));
        String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"b1\"},"
                + "\"target\":{\"kind\":\"Node\",\"name\":\"node-1\"}}";
        assertEquals(201, http.post(NS + "/pods/b1/binding", binding).code());
        assertEquals("node-1", http.get(NS + "/pods/b1").json().path("spec").path("nodeName").asText());
        JsonNode scheduled = http.get(NS + "/pods/b1").json().path("status").path("conditions").get(0);
        assertEquals("PodScheduled", scheduled.path("type").asText());
        assertEquals("True", scheduled.path("status").asText(), "binding marks the pod scheduled");
        // A binding is not admitted again, so it must write the object in admission's form: the same object put back
        // as read (status, then main) changes nothing.
        JsonNode bound = http.get(NS + "/pods/b1").json();
        JsonNode statusPut = http.put(NS + "/pods/b1/status", bound.toString()).json();
        JsonNode mainPut = http.put(NS + "/pods/b1", bound.toString()).json();
        assertEquals(bound.path("metadata").path("resourceVersion"), statusPut.path("metadata").path("resourceVersion"));
        assertEquals(bound.path("metadata").path("resourceVersion"), mainPut.path("metadata").path("resourceVersion"));
        Http.Reply again = http.post(NS + "/pods/b1/binding", binding.replace("node-1", "node-2"));
        assertEquals(409, again.code());
        assertTrue(again.json().path("message").asText().contains("already assigned to node \"node-1\""));
        Http.Reply log = http.get(NS + "/pods/b1/log");
        assertEquals(404, log.code(), "logs are proxied to the node agent; this pod's node does not exist");
        assertTrue(log.json().path("message").asText().contains("node-1"), log.json().toString());
    }

    @Test
    void boundPodsAreDeletedGracefully() {
        http.post(NS + "/pods", pod("g1"));
        http.post(NS + "/pods/g1/binding", "{\"metadata\":{\"name\":\"g1\"},\"target\":{\"name\":\"n\"}}");
        JsonNode marked = http.delete(NS + "/pods/g1").json();
        assertFalse(marked.path("metadata").path("deletionTimestamp").isMissingNode());
        assertEquals(30, marked.path("metadata").path("deletionGracePeriodSeconds").asInt());
        assertEquals(200, http.get(NS + "/pods/g1").code(), "kept until the node agent confirms");
        assertEquals(200, http.send("DELETE", NS + "/pods/g1", "{\"gracePeriodSeconds\":0}", "application/json",
                null).code());
        assertEquals(404, http.get(NS + "/pods/g1").code());
    }

    @Test
    void finalizersDeferDeletion() {
        http.post(NS + "/services", "{\"metadata\":{\"name\":\"fin\",\"finalizers\":[\"keel.dev/hold\"]},"
                + "\"spec\":{\"ports\":[{\"port\":80}]}}");
        JsonNode marked = http.delete(NS + "/services/fin").json();
        assertFalse(marked.path("metadata").path("deletionTimestamp").isMissingNode());
        assertEquals(200, http.get(NS + "/services/fin").code());
        assertEquals(200, http.patch(NS + "/services/fin", "application/json-patch+json",
                "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]").code());
        assertEquals(404, http.get(NS + "/services/fin").code(), "gone once its finalizers are");
    }

    @Test
    void namespaceWaitsForItsFinalizerThenGoes() {
        JsonNode created = http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"fin-ns\"}}").json();
        assertEquals("kubernetes", created.path("spec").path("finalizers").path(0).asText());
        http.post("/api/v1/namespaces/fin-ns/services", "{\"metadata\":{\"name\":\"s\"},\"spec\":{\"ports\":"
                + "[{\"port\":80}]}}");
        JsonNode marked = http.delete("/api/v1/namespaces/fin-ns").json();
        assertEquals("Terminating", marked.path("status").path("phase").asText());
        assertEquals(200, http.get("/api/v1/namespaces/fin-ns/services/s").code(), "contents are the controller's job");
        assertEquals(403, http.post("/api/v1/namespaces/fin-ns/services", "{\"metadata\":{\"name\":\"t\"},"
                + "\"spec\":{\"ports\":[{\"port\":80}]}}").code(), "no new content in a terminating namespace");
        JsonNode relabelled = http.put("/api/v1/namespaces/fin-ns", "{\"metadata\":{\"name\":\"fin-ns\","
                + "\"labels\":{\"a\":\"b\"}},\"spec\":{\"finalizers\":[]}}").json();
        assertEquals("kubernetes", relabelled.path("spec").path("finalizers").path(0).asText(),
                "only finalize changes spec.finalizers");
        assertEquals(200, http.put("/api/v1/namespaces/fin-ns/finalize", "{\"metadata\":{\"name\":\"fin-ns\"},"
                + "\"spec\":{\"finalizers\":[]}}").code());
        assertEquals(404, http.get("/api/v1/namespaces/fin-ns").code(), "gone once its finalizers are");
    }

    @Test
    void namespaceWithoutFinalizersGoesAtOnce() {
        http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"quick-ns\"}}");
        http.put("/api/v1/namespaces/quick-ns/finalize", "{\"metadata\":{\"name\":\"quick-ns\"},"
                + "\"spec\":{\"finalizers\":[]}}");
        assertEquals(200, http.delete("/api/v1/namespaces/quick-ns").code());
        assertEquals(404, http.get("/api/v1/namespaces/quick-ns").code());
    }

    @Test
    void pagedListsAreOneSnapshot() {
        for (int i = 0; i < 7; i++) {
            http.post(NS + "/endpoints", "{\"metadata\":{\"name\":\"ep" + i + "\"}}");
        }
        List<String> names = new ArrayList<>();
        Set<String> versions = new HashSet<>();
        String cont = "";
        int pages = 0;
        do {
            JsonNode page = http.get(NS + "/endpoints?limit=3" + (cont.isEmpty() ? "" : "&continue=" + cont)).json();
            page.path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
            versions.add(page.path("metadata").path("resourceVersion").asText());
            cont = page.path("metadata").path("continue").asText("");
            if (pages == 0) {
                http.post(NS + "/endpoints", "{\"metadata\":{\"name\":\"ep9\"}}"); // after the snapshot
            }
            pages++;
        } while (!cont.isEmpty() && pages < 10);
        assertEquals(List.of("ep0", "ep1", "ep2", "ep3", "ep4", "ep5", "ep6"), names);
        assertEquals(3, pages);
        assertEquals(1, versions.size(), "every page reads at the first page's revision");
        assertEquals(400, http.get(NS + "/endpoints?limit=3&continue=garbage").code());
    }

    @Test
    void listsComeFromTheCacheWithTheStoreRevision() {
        http.post(NS + "/pods", pod("l1"));
        JsonNode list = http.get(NS + "/pods").json();
        assertEquals("PodList", list.path("kind").asText());
        long rv = list.path("metadata").path("resourceVersion").asLong();
        for (JsonNode item : list.path("items")) {
            assertTrue(item.path("metadata").path("resourceVersion").asLong() <= rv);
        }
        JsonNode any = http.get(NS + "/pods?resourceVersion=0").json();
        assertTrue(any.path("items").size() >= 1);
    }

    @Test
    void managedFieldsRecordWhoWroteAndWhen() {
        JsonNode created = http.post(DEPLOYS + "?fieldManager=alice", deployment("mf", 1)).json();
        JsonNode entries = created.path("metadata").path("managedFields");
        assertEquals(1, entries.size(), created.toString());
        assertEquals("alice", entries.get(0).path("manager").asText());
        assertEquals("Update", entries.get(0).path("operation").asText());
        assertEquals("apps/v1", entries.get(0).path("apiVersion").asText());
        assertTrue(entries.get(0).path("time").asText().endsWith("Z"));

        http.patch(DEPLOYS + "/mf?fieldManager=bob", "application/merge-patch+json", "{\"spec\":{\"replicas\":2}}");
        JsonNode same = http.patch(DEPLOYS + "/mf?fieldManager=carol", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":2}}").json();
        List<String> managers = new ArrayList<>();
        same.path("metadata").path("managedFields").forEach(e -> managers.add(e.path("manager").asText()));
        assertEquals(List.of("alice", "bob"), managers, "a write that changes nothing records nothing");

        JsonNode status = http.patch(DEPLOYS + "/mf/status?fieldManager=alice", "application/merge-patch+json",
                "{\"status\":{\"replicas\":1}}").json();
        JsonNode last = status.path("metadata").path("managedFields").get(2);
        assertEquals("alice", last.path("manager").asText());
        assertEquals("status", last.path("subresource").asText());

        JsonNode byAgent = http.patch(DEPLOYS + "/mf", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}").json();
        JsonNode agent = byAgent.path("metadata").path("managedFields").get(3);
        assertEquals("Java-http-client", agent.path("manager").asText(), "the User-Agent's program name");
        assertEquals(400, http.post(DEPLOYS + "?fieldManager=" + "m".repeat(129), deployment("mf2", 1)).code());
    }

    private static String pod(String name) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}";
    }

    private static String deployment(String name, int replicas) {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{\"replicas\":" + replicas + ",\"selector\":{\"matchLabels\":{\"app\":\"" + name + "\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"" + name + "\"}},\"spec\":{\"containers\":"
                + "[{\"name\":\"c\",\"image\":\"x\"}]}}}}";
    }
}
