package dev.keel.node;

import dev.keel.api.client.DeleteOptions;
import dev.keel.api.coordination.Lease;
import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerStatus;
import dev.keel.api.core.EnvVar;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.Condition;
import dev.keel.node.runtime.RuntimeKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** One node agent with the process runtime against a real apiserver: pods really run as OS processes. */
class ProcessAgentTest {
    private static final String NODE = "n1";

    @TempDir
    static Path dir;
    private static Cluster cluster;
    private static NodeAgent agent;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        cluster = Cluster.start(dir);
        NodeAgentConfig config = NodeAgentConfig.of(NODE, RuntimeKind.PROCESS, dir.resolve("node"))
                .withPort(0)
                .withLease(Duration.ofSeconds(40), Duration.ofSeconds(1))
                .withStatusIntervals(Duration.ofSeconds(1), Duration.ofSeconds(5))
                .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMinutes(10))
                .withLabels(java.util.Map.of("zone", "a"));
        agent = new NodeAgent(config, cluster.client).start();
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.stopContainers(Duration.ofSeconds(2));
            agent.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void registersItsNodeAndRenewsItsLease() {
        Node node = cluster.client.nodes().get(null, NODE);
        assertEquals(NODE, node.metadata().labels().get("kubernetes.io/hostname"));
        assertEquals("a", node.metadata().labels().get("zone"));
        assertEquals(agent.port(), node.status().daemonEndpoints().kubeletEndpoint().port());
        assertTrue(node.status().addresses().stream().anyMatch(a -> a.type().equals("InternalIP")
                && a.address().equals("127.0.0.1")), node.status().addresses().toString());
        assertTrue(node.status().capacity().containsKey("cpu"));
        assertTrue(node.status().capacity().get("memory").value().signum() > 0);
        assertEquals(List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure"),
                node.status().conditions().stream().map(Condition::type).toList());
        assertTrue(node.status().conditions().get(0).isTrue());
        assertNotNull(node.status().unknownFields().get("nodeInfo"));

        Lease first = Await.value("the node lease", () -> lease());
        assertEquals(NODE, first.spec().holderIdentity());
        Instant renewed = first.spec().renewTime();
        Await.until("the lease to be renewed", () -> lease().map(l -> l.spec().renewTime().isAfter(renewed))
                .orElse(false));
    }

    @Test
    void podRunsWithItsEnvironmentAndItsLogsComeBackThroughTheApiserver() throws Exception {
        cluster.namespace("logs");
        Container c = Container.builder().name("main").image("busybox")
                .command(List.of("sh", "-c", "echo hello; echo pod=$POD_NAME ns=$POD_NAMESPACE ip=$POD_IP x=$X; sleep 1000"))
                .env(List.of(EnvVar.of("X", "$(POD_NAME)-x"))).build();
        cluster.run("logs", "web", NODE, PodSpec.builder().containers(List.of(c)).terminationGracePeriodSeconds(2L).build());
        Pod running = awaitPod("logs", "web", p -> "Running".equals(p.status().phase())
                && p.status().containerStatuses().get(0).ready());
        assertEquals("127.0.0.1", running.status().podIP());
        assertEquals("127.0.0.1", running.status().hostIP());
        assertNotNull(running.status().startTime());
        assertTrue(running.status().conditions().stream().anyMatch(x -> x.type().equals("Ready") && x.isTrue()));
        ContainerStatus cs = running.status().containerStatuses().get(0);
        assertEquals("busybox", cs.image());
        assertTrue(cs.started());
        assertTrue(Procs.alive(Procs.pid(cs.containerID())));

        String expected = "hello\npod=web ns=logs ip=127.0.0.1 x=web-x\n";
        Await.equal("the log through the apiserver", expected, () -> rawLog("logs", "web", ""));
        assertEquals("pod=web ns=logs ip=127.0.0.1 x=web-x\n", rawLog("logs", "web", "?tailLines=1"));
        assertEquals(400, status("/api/v1/namespaces/logs/pods/web/log?container=nope"));

        assumeTrue(Kubectl.available(), "kubectl is not installed");
        Kubectl kubectl = new Kubectl(cluster.kubeconfig, dir.resolve("home"));
        assertEquals(expected, kubectl.run("logs", "-n", "logs", "web").out());
        assertEquals("hello\n", kubectl.run("logs", "-n", "logs", "web", "--tail=2", "--limit-bytes=6").out());
        Path out = dir.resolve("follow.out");
        Process follow = kubectl.start(out, dir.resolve("follow.err"), "logs", "-f", "-n", "logs", "web");
        try {
            Await.until("kubectl logs -f to print the log", () -> read(out).equals(expected));
            cluster.client.pods().delete("logs", "web", DeleteOptions.defaults());
            assertTrue(follow.waitFor(30, TimeUnit.SECONDS), "kubectl logs -f ends when the container does");
        } finally {
            follow.destroyForcibly();
        }
    }

    @Test
    void aKilledProcessIsRestartedWithItsLastState() {
        cluster.namespace("restart");
        cluster.run("restart", "crash", NODE, "Always", "sh", "-c", "echo run; sleep 1000");
        Pod first = awaitPod("restart", "crash", p -> running(p).isPresent());
        String id = first.status().containerStatuses().get(0).containerID();
        Procs.kill9(Procs.pid(id));

        Pod again = awaitPod("restart", "crash", p -> running(p).map(s -> s.restartCount() == 1).orElse(false));
        ContainerStatus s = again.status().containerStatuses().get(0);
        assertNotEquals(id, s.containerID());
        assertEquals(137, s.lastState().terminated().exitCode());
        assertEquals(id, s.lastState().terminated().containerID());
        assertEquals("Running", again.status().phase());
        Await.equal("the previous log", "run\n", () -> rawLog("restart", "crash", "?previous=true"));
    }

    @ParameterizedTest(name = "restartPolicy {0}, exit {1} -> phase {2}, restarts {3}")
    @CsvSource({
            "Never,     0, Succeeded, false",
            "Never,     3, Failed,    false",
            "OnFailure, 0, Succeeded, false",
            "OnFailure, 3, Running,   true",
            "Always,    0, Running,   true",
    })
    void exitCodesAndRestartPolicyDecideThePhase(String policy, int exit, String phase, boolean restarts) {
        String ns = "exit-" + policy.toLowerCase() + "-" + exit;
        cluster.namespace(ns);
        cluster.run(ns, "job", NODE, policy, "sh", "-c", "exit " + exit);
        Pod p;
        if (restarts) {
            p = awaitPod(ns, "job", x -> !x.status().containerStatuses().isEmpty()
                    && x.status().containerStatuses().get(0).restartCount() >= 2);
            assertEquals(exit, p.status().containerStatuses().get(0).lastState().terminated().exitCode());
        } else {
            p = awaitPod(ns, "job", x -> phase.equals(x.status().phase()));
            ContainerStatus s = p.status().containerStatuses().get(0);
            assertEquals(exit, s.state().terminated().exitCode());
            assertEquals(exit == 0 ? "Completed" : "Error", s.state().terminated().reason());
            assertEquals(0, s.restartCount());
        }
        assertEquals(phase, p.status().phase());
    }

    @Test
    void aMissingCommandIsReportedClearlyAndOtherPodsStillRun() {
        cluster.namespace("bad");
        cluster.run("bad", "missing", NODE, "Always", "no-such-command-xyz", "arg");
        cluster.run("bad", "missing-never", NODE, "Never", "/no/such/binary");
        cluster.run("bad", "fine", NODE, "Always", "sleep", "1000");

        Pod missing = awaitPod("bad", "missing", p -> !p.status().containerStatuses().isEmpty()
                && p.status().containerStatuses().get(0).state().waiting() != null
                && p.status().containerStatuses().get(0).restartCount() >= 1);
        var waiting = missing.status().containerStatuses().get(0).state().waiting();
        assertEquals("RunContainerError", waiting.reason());
        assertTrue(waiting.message().contains("exec: \"no-such-command-xyz\": executable file not found in $PATH"),
                waiting.message());
        assertEquals("Pending", missing.status().phase());

        Pod never = awaitPod("bad", "missing-never", p -> "Failed".equals(p.status().phase()));
        var terminated = never.status().containerStatuses().get(0).state().terminated();
        assertEquals("StartError", terminated.reason());
        assertTrue(terminated.message().contains("/no/such/binary"), terminated.message());

        awaitPod("bad", "fine", p -> running(p).isPresent());
    }

    @Test
    void deletingAPodStopsItsWholeProcessTreeAndRemovesIt() {
        cluster.namespace("delete");
        cluster.run("delete", "tree", NODE, "Always", "sh", "-c", "sleep 1000 & sleep 1000 & wait");
        cluster.run("delete", "stubborn", NODE, "Always", "sh", "-c", "trap '' TERM; sleep 1000 & wait; sleep 1000");
        long treePid = Procs.pid(running(awaitPod("delete", "tree", p -> running(p).isPresent())).get().containerID());
        long stubbornPid = Procs.pid(running(awaitPod("delete", "stubborn", p -> running(p).isPresent())).get()
                .containerID());
        List<Long> tree = Await.value("the sleeps to start", () -> Optional.of(Procs.tree(treePid))
                .filter(t -> t.size() >= 3));
        List<Long> stubborn = Await.value("the stubborn sleep to start", () -> Optional.of(Procs.tree(stubbornPid))
                .filter(t -> t.size() >= 2));

        cluster.client.pods().delete("delete", "tree", DeleteOptions.defaults());
        cluster.client.pods().delete("delete", "stubborn", DeleteOptions.defaults());
        Await.until("both pods to be removed", () -> cluster.pod("delete", "tree").isEmpty()
                && cluster.pod("delete", "stubborn").isEmpty());
        Await.until("every process of both trees to be gone", Duration.ofSeconds(10),
                () -> tree.stream().noneMatch(Procs::alive) && stubborn.stream().noneMatch(Procs::alive));
        Await.until("the agent to forget the pods", () -> agent.containers().stream()
                .noneMatch(i -> i.key().namespace().equals("delete")));
    }

    private static Optional<ContainerStatus> running(Pod p) {
        return p.status().containerStatuses().stream().filter(s -> s.state() != null && s.state().running() != null)
                .findFirst();
    }

    private static Pod awaitPod(String ns, String name, java.util.function.Predicate<Pod> done) {
        return Await.value("pod " + ns + "/" + name + " to reach the expected state",
                () -> cluster.pod(ns, name).filter(done));
    }

    private static Optional<Lease> lease() {
        try {
            return Optional.of(cluster.client.resource(Kinds.LEASES).get("kube-node-lease", NODE));
        } catch (dev.keel.api.client.NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The pod's log through the apiserver's plain HTTP port (raw GET of the log subresource). */
    private static String rawLog(String ns, String pod, String query) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(cluster.cluster.httpUrl()
                    + "/api/v1/namespaces/" + ns + "/pods/" + pod + "/log" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "HTTP " + r.statusCode() + ": " + r.body();
        } catch (java.io.IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int status(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(cluster.cluster.httpUrl() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
