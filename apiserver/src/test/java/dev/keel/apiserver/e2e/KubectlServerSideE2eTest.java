package dev.keel.apiserver.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.apiserver.TestCluster;
import dev.keel.apiserver.kubeconfig.Kubeconfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kubectl 1.32 against what the server does on its own: cluster IPs and node ports, server-side dry runs,
 * propagation policies, and large (gzipped) lists. One store replica, HTTPS with a token; a namespace per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlServerSideE2eTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPLOY = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.26
            """;

    private Path dir;
    private TestCluster cluster;
    private Kubectl kubectl;

    @BeforeAll
    void startKeel(@TempDir Path tmp) throws Exception {
        dir = tmp;
        assumeTrue(Files.isExecutable(Kubectl.BINARY), "kubectl is not installed");
        cluster = TestCluster.start(dir, 1);
        Path kubeconfig = dir.resolve("kubeconfig");
        Kubeconfig.write(kubeconfig, Kubeconfig.render(cluster.httpsUrl(),
                Files.readString(cluster.apiserver().caCertificateFile()), cluster.apiserver().adminToken()));
        kubectl = new Kubectl(kubeconfig, dir.resolve("home"));
    }

    @AfterAll
    void stopKeel() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void servicesGetClusterIpsAndNodePorts() throws Exception {
        kubectl.run("create", "namespace", "svc").ok();
        kubectl.run("create", "service", "clusterip", "a", "-n", "svc", "--tcp=80:8080").ok();
        kubectl.run("create", "service", "nodeport", "b", "-n", "svc", "--tcp=81:8081").ok();
        kubectl.run("create", "service", "nodeport", "c", "-n", "svc", "--tcp=82:8082", "--node-port=30123").ok();
        List<String> rows = lines(kubectl.run("get", "svc", "-n", "svc", "--no-headers").ok().out());
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(0).matches("a\\s+ClusterIP\\s+127\\.96\\.\\d+\\.\\d+\\s+<none>\\s+80/TCP\\s+\\S+"),
                rows.get(0));
        assertTrue(rows.get(1).matches("b\\s+NodePort\\s+127\\.96\\.\\d+\\.\\d+\\s+<none>\\s+81:3\\d{4}/TCP\\s+\\S+"),
                rows.get(1));
        assertTrue(rows.get(2).contains("82:30123/TCP"), rows.get(2));
        Kubectl.Result taken = kubectl.run("create", "service", "nodeport", "d", "-n", "svc", "--tcp=83:8083",
                "--node-port=30123");
        assertTrue(taken.err().contains("spec.ports[0].nodePort: Invalid value: 30123: provided port is already "
                + "allocated"), taken.err());
        String ip = kubectl.run("get", "svc", "a", "-n", "svc", "-o", "jsonpath={.spec.clusterIP}").ok().out();
        kubectl.run("label", "svc", "a", "-n", "svc", "x=y").ok();
        assertEquals(ip, kubectl.run("get", "svc", "a", "-n", "svc", "-o", "jsonpath={.spec.clusterIPs[0]}").ok()
                .out(), "kept across updates");
        JsonNode managed = json(kubectl.run("get", "svc", "a", "-n", "svc", "-o", "json", "--show-managed-fields")
                .ok().out()).path("metadata").path("managedFields");
        List<String> managers = new ArrayList<>();
        managed.forEach(e -> managers.add(e.path("manager").asText() + "/" + e.path("operation").asText()));
        assertEquals(List.of("kubectl-create/Update", "kubectl-label/Update"), managers, managed.toString());
        assertTrue(kubectl.run("get", "svc", "a", "-n", "svc", "-o", "yaml").ok().out().contains("clusterIP:"));
        assertTrue(!kubectl.run("get", "svc", "a", "-n", "svc", "-o", "yaml").ok().out().contains("managedFields"),
                "hidden unless asked for");
    }

    @Test
    void serverSideDryRuns() throws Exception {
        kubectl.run("create", "namespace", "dry").ok();
        Path file = dir.resolve("deploy.yaml");
        Files.writeString(file, DEPLOY);
        assertEquals("deployment.apps/web created (server dry run)", kubectl.run("apply", "-n", "dry", "-f",
                file.toString(), "--dry-run=server").ok().out().trim());
        assertEquals("deployment.apps/web created (server dry run)", kubectl.run("create", "-n", "dry", "-f",
                file.toString(), "--dry-run=server").ok().out().trim());
        assertTrue(kubectl.run("get", "deploy", "web", "-n", "dry").err().contains("NotFound"));

        kubectl.run("apply", "-n", "dry", "-f", file.toString()).ok();
        Files.writeString(file, DEPLOY.replace("replicas: 2", "replicas: 5"));
        assertEquals("deployment.apps/web configured (server dry run)", kubectl.run("apply", "-n", "dry", "-f",
                file.toString(), "--dry-run=server").ok().out().trim());
        assertEquals("2", kubectl.run("get", "deploy", "web", "-n", "dry", "-o", "jsonpath={.spec.replicas}").ok()
                .out());
        assertEquals("deployment.apps/web scaled (server dry run)", kubectl.run("scale", "deploy", "web", "-n",
                "dry", "--replicas=9", "--dry-run=server").ok().out().trim());
        kubectl.run("delete", "deploy", "web", "-n", "dry", "--dry-run=server").ok();
        assertEquals("2", kubectl.run("get", "deploy", "web", "-n", "dry", "-o", "jsonpath={.spec.replicas}").ok()
                .out());
    }

    @Test
    void cascadeChoosesTheGarbageCollectorsFinalizer() throws Exception {
        kubectl.run("create", "namespace", "gc").ok();
        Path file = dir.resolve("gc.yaml");
        Files.writeString(file, DEPLOY);
        kubectl.run("apply", "-n", "gc", "-f", file.toString()).ok();
        kubectl.run("delete", "deploy", "web", "-n", "gc", "--cascade=foreground", "--wait=false").ok();
        JsonNode fg = json(kubectl.run("get", "deploy", "web", "-n", "gc", "-o", "json").ok().out());
        assertEquals("[\"foregroundDeletion\"]", fg.path("metadata").path("finalizers").toString());
        assertTrue(fg.path("metadata").hasNonNull("deletionTimestamp"));
        kubectl.run("patch", "deploy", "web", "-n", "gc", "--type=merge", "-p", "{\"metadata\":{\"finalizers\":null}}")
                .ok();
        assertTrue(kubectl.run("get", "deploy", "web", "-n", "gc").err().contains("NotFound"));

        kubectl.run("apply", "-n", "gc", "-f", file.toString()).ok();
        kubectl.run("delete", "deploy", "web", "-n", "gc", "--cascade=orphan", "--wait=false").ok();
        assertEquals("orphan", kubectl.run("get", "deploy", "web", "-n", "gc", "-o", "jsonpath={.metadata"
                + ".finalizers[0]}").ok().out());
    }

    @Test
    void largeListsAndWatchesWithCompression() throws Exception {
        kubectl.run("create", "namespace", "big").ok();
        StringBuilder pods = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            pods.append("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p").append(i)
                    .append("\n  labels: {app: big}\nspec:\n  containers:\n  - name: c\n    image: busybox\n---\n");
        }
        Path file = dir.resolve("pods.yaml");
        Files.writeString(file, pods.toString());
        kubectl.run("create", "-n", "big", "-f", file.toString()).ok();
        JsonNode list = json(kubectl.run("get", "pods", "-n", "big", "-o", "json").ok().out());
        assertEquals(60, list.path("items").size());
        assertEquals(60, lines(kubectl.run("get", "pods", "-n", "big", "--chunk-size=7", "--no-headers").ok().out())
                .size());
        Kubectl.Result watch = kubectl.run("get", "pods", "-n", "big", "-w", "--request-timeout=3s",
                "--no-headers");
        assertEquals(60, lines(watch.out()).size(), watch.err());
        assertTrue(kubectl.run("delete", "pods", "-n", "big", "--all", "--wait=false").ok().out()
                .contains("pod \"p59\" deleted"));
        assertEquals("", kubectl.run("get", "pods", "-n", "big", "-o", "name").ok().out().trim());
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static List<String> lines(String s) {
        return new ArrayList<>(Arrays.stream(s.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList());
    }
}
