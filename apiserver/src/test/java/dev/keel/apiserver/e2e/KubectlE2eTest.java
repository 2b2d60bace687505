package dev.keel.apiserver.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.keel.apiserver.TestCluster;
import dev.keel.apiserver.kubeconfig.Kubeconfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kubectl 1.32 against a real Keel: a 3-replica store and the apiserver over HTTPS with a bearer token, through a
 * kubeconfig the test writes. The steps build on each other (one namespace, one set of objects) and every output
 * is parsed and checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlE2eTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "e2e";
    private static final String APP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
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
                    ports:
                    - containerPort: 80
                    env:
                    - {name: A, value: "1"}
                    resources:
                      requests: {cpu: 100m, memory: 64Mi}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - port: 80
                targetPort: 80
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: solo
              labels: {app: solo, tier: fe}
            spec:
              containers:
              - name: c
                image: busybox
                command: [sleep, "3600"]
            """;

    private Path dir;
    private TestCluster cluster;
    private Kubectl kubectl;

    @BeforeAll
    void startKeel(@TempDir Path tmp) throws Exception {
        dir = tmp;
        assumeTrue(Files.isExecutable(Kubectl.BINARY), "kubectl is not installed");
        cluster = TestCluster.start(dir, 3);
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
    @Order(1)
    void versionAndApiResources() throws Exception {
        JsonNode v = json(kubectl.run("version", "-o", "json").ok().out());
        assertEquals("32", v.path("serverVersion").path("minor").asText());
        assertEquals("1", v.path("serverVersion").path("major").asText());
        List<String> rows = lines(kubectl.run("api-resources", "--no-headers").ok().out());
        List<String> names = rows.stream().map(r -> r.split("\\s+")[0]).toList();
        assertTrue(names.containsAll(List.of("namespaces", "nodes", "pods", "services", "endpoints", "events",
                "deployments", "replicasets", "leases")), names.toString());
        assertTrue(rows.stream().anyMatch(r -> r.matches("deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment")),
                rows.toString());
    }

    @Test
    @Order(2)
    void createNamespaceSendsProtobuf() throws Exception {
        assertEquals("namespace/" + NS + " created", kubectl.run("create", "namespace", NS).ok().out().trim());
        JsonNode ns = json(kubectl.run("get", "ns", NS, "-o", "json").ok().out());
        assertEquals("Active", ns.path("status").path("phase").asText());
        assertFalse(ns.path("metadata").path("uid").asText().isEmpty());
        List<String> table = lines(kubectl.run("get", "ns").ok().out());
        assertTrue(table.get(0).matches("NAME\\s+STATUS\\s+AGE"), table.get(0));
        assertTrue(table.stream().anyMatch(l -> l.matches(NS + "\\s+Active\\s+\\d+s")), table.toString());
    }

    @Test
    @Order(3)
    void applyCreatesThenPatches() throws Exception {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, APP);
        String first = kubectl.run("apply", "-n", NS, "-f", file.toString()).ok().out();
        assertEquals(List.of("deployment.apps/web created", "service/web created", "pod/solo created"), lines(first));
        JsonNode d1 = json(kubectl.run("get", "deploy", "web", "-n", NS, "-o", "json").ok().out());
        assertEquals(1, d1.path("metadata").path("generation").asInt());

        Files.writeString(file, APP.replace("nginx:1.26", "nginx:1.27").replace("replicas: 2", "replicas: 3"));
        String second = kubectl.run("apply", "-n", NS, "-f", file.toString()).ok().out();
        assertEquals(List.of("deployment.apps/web configured", "service/web unchanged", "pod/solo unchanged"),
                lines(second));
        JsonNode d2 = json(kubectl.run("get", "deploy", "web", "-n", NS, "-o", "json").ok().out());
        assertEquals(3, d2.path("spec").path("replicas").asInt());
        JsonNode containers = d2.path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size(), "strategic merge by name keeps one container");
        assertEquals("nginx:1.27", containers.get(0).path("image").asText());
        assertEquals("A", containers.get(0).path("env").get(0).path("name").asText());
        assertEquals(2, d2.path("metadata").path("generation").asInt());
        assertNotEquals(d1.path("metadata").path("resourceVersion"), d2.path("metadata").path("resourceVersion"));
    }

    @Test
    @Order(4)
    void getInEveryFormat() throws Exception {
        JsonNode list = json(kubectl.run("get", "pods", "-n", NS, "-o", "json").ok().out());
        assertEquals("List", list.path("kind").asText());
        assertEquals("solo", list.path("items").get(0).path("metadata").path("name").asText());
        JsonNode yaml = new YAMLMapper().readTree(kubectl.run("get", "svc", "web", "-n", NS, "-o", "yaml").ok().out());
        assertEquals(80, yaml.path("spec").path("ports").get(0).path("port").asInt());
        assertEquals("TCP", yaml.path("spec").path("ports").get(0).path("protocol").asText());
        List<String> wide = lines(kubectl.run("get", "deploy", "-n", NS, "-o", "wide").ok().out());
        assertTrue(wide.get(0).matches("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\\s+CONTAINERS\\s+IMAGES\\s+SELECTOR"),
                wide.get(0));
        assertTrue(wide.get(1).matches("web\\s+0/3\\s+0\\s+0\\s+\\S+\\s+nginx\\s+nginx:1.27\\s+app=web"), wide.get(1));
        List<String> pods = lines(kubectl.run("get", "pods", "-n", NS).ok().out());
        assertTrue(pods.get(1).matches("solo\\s+0/1\\s+Pending\\s+0\\s+\\S+"), pods.toString());
    }

    @Test
    @Order(5)
    void selectors() throws Exception {
        kubectl.run("run", "other", "-n", NS, "--image=nginx", "--labels=app=other").ok();
        assertEquals(List.of("pod/solo"), lines(kubectl.run("get", "pods", "-n", NS, "-l", "tier=fe", "-o", "name")
                .ok().out()));
        assertEquals(List.of("pod/other"), lines(kubectl.run("get", "pods", "-n", NS, "-l", "app in (other,x)",
                "-o", "name").ok().out()));
        assertEquals(List.of("pod/other"), lines(kubectl.run("get", "pods", "-A", "--field-selector",
                "metadata.name=other", "-o", "name").ok().out()));
        assertEquals(List.of("pod/other", "pod/solo"), lines(kubectl.run("get", "pods", "-n", NS,
                "--field-selector", "status.phase=Pending", "-o", "name").ok().out()));
        List<String> all = lines(kubectl.run("get", "pods", "-A", "--no-headers").ok().out());
        assertEquals(2, all.size());
        assertTrue(all.get(0).startsWith(NS + " "), "the NAMESPACE column comes from rows[].object: " + all);
        Kubectl.Result bad = kubectl.run("get", "pods", "-n", NS, "--field-selector", "spec.bogus=1");
        assertNotEquals(0, bad.exit());
        assertTrue(bad.err().contains("field label not supported: spec.bogus"), bad.err());
    }

    @Test
    @Order(6)
    void labelAnnotateAndPatch() throws Exception {
        assertEquals("pod/solo labeled", kubectl.run("label", "pod", "solo", "-n", NS, "env=prod").ok().out().trim());
        assertEquals("pod/solo annotated", kubectl.run("annotate", "pod", "solo", "-n", NS, "note=hi").ok().out()
                .trim());
        JsonNode solo = json(kubectl.run("get", "pod", "solo", "-n", NS, "-o", "json").ok().out());
        assertEquals("prod", solo.path("metadata").path("labels").path("env").asText());
        assertEquals("fe", solo.path("metadata").path("labels").path("tier").asText());
        assertEquals("hi", solo.path("metadata").path("annotations").path("note").asText());

        kubectl.run("patch", "deploy", "web", "-n", NS, "--type=merge", "-p", "{\"spec\":{\"replicas\":4}}").ok();
        kubectl.run("patch", "deploy", "web", "-n", NS, "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"nginx:1.28\"}]").ok();
        kubectl.run("patch", "deploy", "web", "-n", NS, "-p",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"image\":\"busybox\"}]}}}}").ok();
        JsonNode d = json(kubectl.run("get", "deploy", "web", "-n", NS, "-o", "json").ok().out());
        assertEquals(4, d.path("spec").path("replicas").asInt());
        JsonNode cs = d.path("spec").path("template").path("spec").path("containers");
        assertEquals(List.of("nginx=nginx:1.28", "sidecar=busybox"), containers(cs));
        Kubectl.Result stale = kubectl.run("patch", "deploy", "web", "-n", NS, "--type=merge", "-p",
                "{\"metadata\":{\"resourceVersion\":\"1\"},\"spec\":{\"replicas\":9}}");
        assertNotEquals(0, stale.exit());
        assertTrue(stale.err().contains("Conflict"), stale.err());
    }

    @Test
    @Order(7)
    void scale() throws Exception {
        assertEquals("deployment.apps/web scaled", kubectl.run("scale", "deploy", "web", "-n", NS, "--replicas=5")
                .ok().out().trim());
        kubectl.run("scale", "deploy", "web", "-n", NS, "--replicas=6", "--current-replicas=5").ok();
        assertEquals("6", kubectl.run("get", "deploy", "web", "-n", NS, "-o", "jsonpath={.spec.replicas}").ok().out());
        Kubectl.Result wrong = kubectl.run("scale", "deploy", "web", "-n", NS, "--replicas=7", "--current-replicas=1");
        assertNotEquals(0, wrong.exit());
    }

    @Test
    @Order(8)
    void editWithAnEditorScript() throws Exception {
        Path editor = dir.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/image: busybox$/image: busybox:1.36/' \"$1\"\n");
        editor.toFile().setExecutable(true);
        assertEquals("deployment.apps/web edited", kubectl.run(Map.of("KUBE_EDITOR", editor.toString()),
                "edit", "deploy", "web", "-n", NS).ok().out().trim());
        JsonNode d = json(kubectl.run("get", "deploy", "web", "-n", NS, "-o", "json").ok().out());
        assertEquals(List.of("nginx=nginx:1.28", "sidecar=busybox:1.36"),
                containers(d.path("spec").path("template").path("spec").path("containers")));
    }

    @Test
    @Order(9)
    void watchSeesCreateAndDelete() throws Exception {
        Path out = dir.resolve("watch.out");
        Process watch = kubectl.start(Map.of(), out, dir.resolve("watch.err"), "get", "pods", "-n", NS, "-w",
                "--output-watch-events");
        try {
            awaitContains(out, "solo", 20_000);
            kubectl.run("run", "p2", "-n", NS, "--image=nginx").ok();
            awaitContains(out, "ADDED", 20_000);
            assertEquals("pod \"p2\" deleted", kubectl.run("delete", "pod", "p2", "-n", NS, "--wait").ok().out()
                    .trim());
            awaitContains(out, "DELETED", 20_000);
        } finally {
            watch.destroy();
        }
        List<String> events = lines(Files.readString(out));
        assertTrue(events.stream().anyMatch(l -> l.matches("ADDED\\s+p2\\s+.*")), events.toString());
        assertTrue(events.stream().anyMatch(l -> l.matches("DELETED\\s+p2\\s+.*")), events.toString());
        assertEquals(1, events.stream().filter(l -> l.matches("ADDED\\s+solo\\s+.*")).count(),
                "existing objects are listed once, not again by the watch: " + events);
    }

    @Test
    @Order(10)
    void errorsReadAsKubernetesErrors() throws Exception {
        Kubectl.Result missing = kubectl.run("get", "pod", "nope", "-n", NS);
        assertEquals("Error from server (NotFound): pods \"nope\" not found", missing.err().trim());
        Kubectl.Result noNs = kubectl.run("get", "pod", "nope", "-n", "nowhere");
        assertEquals("Error from server (NotFound): namespaces \"nowhere\" not found", noNs.err().trim());
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers:\n"
                + "  - name: c\n    image: x\n");
        Kubectl.Result invalid = kubectl.run("create", "-n", NS, "-f", bad.toString());
        assertTrue(invalid.err().startsWith("The Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\""),
                invalid.err());
        Path file = dir.resolve("app.yaml");
        Kubectl.Result exists = kubectl.run("create", "-n", NS, "-f", file.toString());
        assertTrue(exists.err().contains("Error from server (AlreadyExists): error when creating \"" + file
                + "\": services \"web\" already exists"), exists.err());
    }

    @Test
    @Order(11)
    void deleteWaitsAndNamespaceGoesAway() throws Exception {
        assertEquals("deployment.apps \"web\" deleted", kubectl.run("delete", "deploy", "web", "-n", NS, "--wait")
                .ok().out().trim());
        assertEquals("", kubectl.run("get", "deploy", "-n", NS, "-o", "name").ok().out().trim());
        assertEquals("namespace \"" + NS + "\" deleted", kubectl.run("delete", "ns", NS, "--wait=false").ok().out()
                .trim());
        assertEquals("Terminating", kubectl.run("get", "ns", NS, "-o", "jsonpath={.status.phase}").ok().out().trim());
        assertEquals("kubernetes", kubectl.run("get", "ns", NS, "-o", "jsonpath={.spec.finalizers[*]}").ok().out()
                .trim());
        // The namespace controller (controller-manager) empties a terminating namespace and then removes its
        // finalizer; here the test plays the controller's last step.
        Path finalized = dir.resolve("finalized.json");
        Files.writeString(finalized, "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NS
                + "\"},\"spec\":{\"finalizers\":[]}}");
        kubectl.run("replace", "--raw", "/api/v1/namespaces/" + NS + "/finalize", "-f", finalized.toString()).ok();
        Kubectl.Result gone = kubectl.run("get", "ns", NS);
        assertEquals("Error from server (NotFound): namespaces \"" + NS + "\" not found", gone.err().trim());
        Kubectl.Result create = kubectl.run("run", "late", "-n", NS, "--image=nginx");
        assertTrue(create.err().contains("namespaces \"" + NS + "\" not found"), create.err());
    }

    private static List<String> containers(JsonNode cs) {
        List<String> out = new ArrayList<>();
        cs.forEach(c -> out.add(c.path("name").asText() + "=" + c.path("image").asText()));
        return out;
    }

    private static void awaitContains(Path file, String text, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (!(Files.exists(file) && Files.readString(file).contains(text))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no \"" + text + "\" in " + file + " within " + millis + " ms: "
                        + (Files.exists(file) ? Files.readString(file) : "(no file)"));
            }
            Thread.sleep(50); // polling a child process' output file: there is no event to wait on
        }
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static List<String> lines(String s) {
        return Arrays.stream(s.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
