package dev.keel.apiserver.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.apiserver.Http;
import dev.keel.apiserver.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cluster IP and node port allocation through the HTTP API, on a small range (127.96.0.0/26: 62 usable addresses;
 * node ports 30000-30099) so that conflicts and a full range are reached. Each test uses its own namespace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAllocationTest {
    private static final String RANGE = "127.96.0.0/26";
    private TestCluster cluster;
    private Http http;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = TestCluster.start(dir, 1, c -> c.withServices(ServiceNetwork.defaults().withClusterIpRange(RANGE)
                .withNodePorts(30000, 30099).withRepairInterval(Duration.ofMillis(500))));
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
        return "/api/v1/namespaces/" + name + "/services";
    }

    private static String svc(String name, String specExtra) {
        return "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + specExtra + (specExtra.isEmpty() ? "" : ",")
                + "\"selector\":{\"app\":\"x\"},\"ports\":[{\"port\":80}]}}";
    }

    private static boolean inRange(String ip) {
        return Ipv4Range.parse(RANGE).indexOf(ip).isPresent();
    }

    @Test
    void clusterIpIsAllocatedMirroredKeptAndImmutable() {
        String svcs = ns("alloc-basic");
        JsonNode s = http.post(svcs, svc("a", "")).json();
        String ip = s.path("spec").path("clusterIP").asText();
        assertTrue(inRange(ip), ip);
        assertEquals(List.of(ip), strings(s.path("spec").path("clusterIPs")));
        assertEquals("ClusterIP", s.path("spec").path("type").asText());

        // a PUT without clusterIP keeps it; a merge patch of something else too
        JsonNode put = http.put(svcs + "/a", svc("a", "\"sessionAffinity\":\"ClientIP\"")).json();
        assertEquals(ip, put.path("spec").path("clusterIP").asText(), put.toString());
        assertEquals(List.of(ip), strings(put.path("spec").path("clusterIPs")));
        String other = ip.equals("127.96.0.9") ? "127.96.0.10" : "127.96.0.9";
        Http.Reply change = http.patch(svcs + "/a", "application/merge-patch+json",
                "{\"spec\":{\"clusterIP\":\"" + other + "\",\"clusterIPs\":[\"" + other + "\"]}}");
        assertEquals(422, change.code(), change.body());
        assertEquals("spec.clusterIP", change.json().path("details").path("causes").get(0).path("field").asText());
        assertTrue(change.body().contains("field is immutable"), change.body());
    }

    @Test
    void headlessIsLeftAloneAndRequestedIpsAreChecked() {
        String svcs = ns("alloc-req");
        JsonNode headless = http.post(svcs, svc("h", "\"clusterIP\":\"None\"")).json();
        assertEquals("None", headless.path("spec").path("clusterIP").asText());
        assertEquals(List.of("None"), strings(headless.path("spec").path("clusterIPs")));

        // the tests share one small range, so ask for an address known to be free rather than a fixed one
        String free = freeIp(svcs);
        JsonNode asked = http.post(svcs, svc("r", "\"clusterIP\":\"" + free + "\"")).json();
        assertEquals(free, asked.path("spec").path("clusterIP").asText(), asked.toString());
        Http.Reply taken = http.post(svcs, svc("r2", "\"clusterIP\":\"" + free + "\""));
        assertEquals(422, taken.code(), taken.body());
        assertEquals("spec.clusterIP", taken.json().path("details").path("causes").get(0).path("field").asText());
        assertTrue(taken.body().contains("already allocated"), taken.body());
        Http.Reply outside = http.post(svcs, svc("r3", "\"clusterIP\":\"10.0.0.1\""));
        assertEquals(422, outside.code());
        assertTrue(outside.body().contains("The range of valid IPs is " + RANGE), outside.body());
        assertEquals(422, http.post(svcs, svc("r4", "\"clusterIP\":\"banana\"")).code());

        assertEquals(200, http.delete(svcs + "/r").code());
        assertEquals(201, http.post(svcs, svc("r2", "\"clusterIP\":\"" + free + "\"")).code(),
                "a deleted Service gives its IP back");
    }

    @Test
    void nodePortsAreAllocatedCheckedAndReleased() {
        String svcs = ns("alloc-np");
        JsonNode np = http.post(svcs, "{\"metadata\":{\"name\":\"np\"},\"spec\":{\"type\":\"NodePort\",\"ports\":"
                + "[{\"name\":\"a\",\"port\":80},{\"name\":\"b\",\"port\":81,\"nodePort\":30042}]}}").json();
        int auto = np.path("spec").path("ports").get(0).path("nodePort").asInt();
        assertTrue(auto >= 30000 && auto <= 30099 && auto != 30042, np.toString());
        assertEquals(30042, np.path("spec").path("ports").get(1).path("nodePort").asInt());
        assertTrue(inRange(np.path("spec").path("clusterIP").asText()));

        Http.Reply taken = http.post(svcs, "{\"metadata\":{\"name\":\"np2\"},\"spec\":{\"type\":\"LoadBalancer\","
                + "\"ports\":[{\"port\":80,\"nodePort\":30042}]}}");
        assertEquals(422, taken.code(), taken.body());
        assertEquals("spec.ports[0].nodePort", taken.json().path("details").path("causes").get(0).path("field")
                .asText());
        Http.Reply outside = http.post(svcs, "{\"metadata\":{\"name\":\"np3\"},\"spec\":{\"type\":\"NodePort\","
                + "\"ports\":[{\"port\":80,\"nodePort\":31000}]}}");
        assertEquals(422, outside.code());
        assertTrue(outside.body().contains("The range of valid ports is 30000-30099"), outside.body());

        // an apply-like PUT without nodePorts keeps them
        JsonNode put = http.put(svcs + "/np", "{\"metadata\":{\"name\":\"np\"},\"spec\":{\"type\":\"NodePort\","
                + "\"ports\":[{\"name\":\"a\",\"port\":80},{\"name\":\"b\",\"port\":81}]}}").json();
        assertEquals(auto, put.path("spec").path("ports").get(0).path("nodePort").asInt(), put.toString());
        assertEquals(30042, put.path("spec").path("ports").get(1).path("nodePort").asInt());

        // turning it into a ClusterIP service drops and releases the node ports
        JsonNode plain = http.patch(svcs + "/np", "application/merge-patch+json", "{\"spec\":{\"type\":\"ClusterIP\"}}")
                .json();
        assertTrue(plain.path("spec").path("ports").get(1).path("nodePort").isMissingNode(), plain.toString());
        assertEquals(201, http.post(svcs, "{\"metadata\":{\"name\":\"np4\"},\"spec\":{\"type\":\"NodePort\","
                + "\"ports\":[{\"port\":80,\"nodePort\":30042}]}}").code());
    }

    @Test
    void concurrentCreatesNeverShareAnIpAndSurviveARestart() throws Exception {
        String svcs = ns("alloc-many");
        int before = countAllocatable(svcs, "probe-");
        assertTrue(before > 20, "free before: " + before);
        List<String> ips = createInParallel(svcs, "p-", 20);
        assertEquals(20, new HashSet<>(ips).size(), "no duplicates: " + ips);
        ips.forEach(ip -> assertTrue(inRange(ip), ip));

        // every request asks for the same free IP (one just allocated and released): exactly one create wins
        String free = freeIp(svcs);
        List<Integer> codes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String name = "same-" + i;
                fs.add(pool.submit(() -> http.post(svcs, svc(name, "\"clusterIP\":\"" + free + "\"")).code()));
            }
            for (Future<Integer> f : fs) {
                codes.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, codes.stream().filter(c -> c == 201).count(), codes.toString());
        assertEquals(7, codes.stream().filter(c -> c == 422).count(), codes.toString());

        cluster.restartApiServer();
        http = new Http(cluster.httpUrl());
        int after = countAllocatable(svcs, "fill-");
        assertEquals(before - 21, after, "the allocations survive a restart: nothing handed out twice");
    }

    @Test
    void servicesRemovedBehindTheApisBackAreRepaired() throws Exception {
        String svcs = ns("alloc-leak");
        String ip = freeIp(svcs);
        assertEquals(201, http.post(svcs, svc("l", "\"clusterIP\":\"" + ip + "\"")).code());
        // the Service disappears directly from the store (not through the API): the repair loop must give the IP back
        try (dev.keel.kvstore.client.KvClient store = new dev.keel.kvstore.client.KvClient(
                dev.keel.kvstore.client.KvClientConfig.of(cluster.storeEndpoints()))) {
            assertEquals(1, store.delete(com.google.protobuf.ByteString.copyFromUtf8(
                    "/registry/services/alloc-leak/l")).getDeleted());
        }
        String other = ns("alloc-leak2");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int code;
        do {
            code = http.post(other, svc("l", "\"clusterIP\":\"" + ip + "\"")).code();
            if (code != 201) {
                Thread.sleep(100); // polling the repair loop, which has no event to wait on
            }
        } while (code != 201 && System.nanoTime() < deadline);
        assertEquals(201, code);
    }

    /** An address of the range that is free now: allocated to a probe Service, which is then deleted. */
    private String freeIp(String svcs) {
        Http.Reply probe = http.post(svcs, svc("free-probe", ""));
        assertEquals(201, probe.code(), probe.body());
        assertEquals(200, http.delete(svcs + "/free-probe").code());
        return probe.json().path("spec").path("clusterIP").asText();
    }

    /** Creates Services until the range is full (503), deletes them again, and answers how many fitted. */
    private int countAllocatable(String svcs, String prefix) {
        int n = 0;
        while (true) {
            Http.Reply r = http.post(svcs, svc(prefix + n, ""));
            if (r.code() == 503) {
                assertTrue(r.body().contains("range is full"), r.body());
                break;
            }
            assertEquals(201, r.code(), r.body());
            n++;
            assertTrue(n < 100, "the range should fill up");
        }
        for (int i = 0; i < n; i++) {
            assertEquals(200, http.delete(svcs + "/" + prefix + i).code());
        }
        return n;
    }

    private List<String> createInParallel(String svcs, String prefix, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<JsonNode>> fs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = prefix + i;
                fs.add(pool.submit(() -> {
                    Http.Reply r = http.post(svcs, svc(name, ""));
                    assertEquals(201, r.code(), r.body());
                    return r.json();
                }));
            }
            List<String> ips = new ArrayList<>();
            for (Future<JsonNode> f : fs) {
                ips.add(f.get(60, TimeUnit.SECONDS).path("spec").path("clusterIP").asText());
            }
            return ips;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        assertFalse(out.isEmpty(), "an empty list");
        return out;
    }

}
