package dev.keel.node;

import dev.keel.api.client.ListOptions;
import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerStatus;
import dev.keel.api.core.Event;
import dev.keel.api.core.ExecAction;
import dev.keel.api.core.HttpGetAction;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.Probe;
import dev.keel.api.core.TcpSocketAction;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.Condition;
import dev.keel.api.meta.IntOrString;
import dev.keel.kvstore.replica.PeerPorts;
import dev.keel.node.runtime.RuntimeKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's probes against real processes: readiness gates ready, startup gates started, liveness restarts. */
class AgentProbeTest {
    private static final String NODE = "probed";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dir;
    private static Cluster cluster;
    private static NodeAgent agent;

    @BeforeAll
    static void start() {
        cluster = Cluster.start(dir);
        NodeAgentConfig config = NodeAgentConfig.of(NODE, RuntimeKind.PROCESS, dir.resolve("node"))
                .withPort(-1)
                .withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofMinutes(10));
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
    void readinessProbeMakesTheContainerReadyOnlyOnceItsServerAnswers() throws Exception {
        cluster.namespace("ready");
        int port = PeerPorts.pick("127.0.0.1");
        Path go = dir.resolve("serve-now");
        Container c = Container.builder().name("web").image("python")
                .command(List.of("sh", "-c", "while [ ! -e " + go + " ]; do sleep 0.1; done; "
                        + "exec python3 -m http.server " + port + " --bind $(POD_IP)"))
                .readinessProbe(Probe.builder().httpGet(new HttpGetAction("/", IntOrString.of(port), null, null,
                        List.of(), Map.of())).periodSeconds(1).build())
                .build();
        cluster.run("ready", "web", NODE, PodSpec.builder().containers(List.of(c))
                .terminationGracePeriodSeconds(2L).build());

        Pod unready = awaitPod("ready", "web", p -> running(p).isPresent());
        ContainerStatus cs = running(unready).get();
        assertFalse(cs.ready(), "ready before the server answers: " + cs);
        assertTrue(cs.started());
        assertEquals("False", condition(unready, "Ready"));
        assertEquals("False", condition(unready, "ContainersReady"));

        Files.createFile(go);
        Pod ready = awaitPod("ready", "web", p -> running(p).map(ContainerStatus::ready).orElse(false));
        assertEquals("True", condition(ready, "Ready"));
        assertEquals("True", condition(ready, "ContainersReady"));
        assertEquals(0, running(ready).get().restartCount());
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ready.status().podIP() + ":"
                + port + "/")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
    }

    @Test
    void startupProbeGatesStarted() throws IOException {
        cluster.namespace("startup");
        Path started = dir.resolve("started");
        Container c = Container.builder().name("slow").image("busybox").command(List.of("sleep", "1000"))
                .startupProbe(Probe.builder().exec(new ExecAction(List.of("test", "-e", started.toString()), Map.of()))
                        .periodSeconds(1).failureThreshold(1000).build())
                .build();
        cluster.run("startup", "slow", NODE, PodSpec.builder().containers(List.of(c))
                .terminationGracePeriodSeconds(2L).build());

        Pod starting = awaitPod("startup", "slow", p -> running(p).isPresent());
        assertFalse(running(starting).get().started());
        assertFalse(running(starting).get().ready());

        Files.createFile(started);
        Pod up = awaitPod("startup", "slow", p -> running(p).map(s -> s.started() && s.ready()).orElse(false));
        assertEquals("True", condition(up, "Ready"));
    }

    @Test
    void failingLivenessProbeRestartsTheContainer() {
        cluster.namespace("live");
        Container exec = Container.builder().name("main").image("busybox").command(List.of("sleep", "1000"))
                .livenessProbe(Probe.builder().exec(new ExecAction(List.of("false"), Map.of()))
                        .periodSeconds(1).failureThreshold(1).build())
                .build();
        cluster.run("live", "exec", NODE, PodSpec.builder().containers(List.of(exec))
                .terminationGracePeriodSeconds(1L).build());
        int closed = PeerPorts.pick("127.0.0.1");
        Container tcp = Container.builder().name("main").image("busybox").command(List.of("sleep", "1000"))
                .livenessProbe(Probe.builder().tcpSocket(new TcpSocketAction(IntOrString.of(closed), null, Map.of()))
                        .periodSeconds(1).failureThreshold(1).build())
                .build();
        cluster.run("live", "tcp", NODE, PodSpec.builder().containers(List.of(tcp))
                .terminationGracePeriodSeconds(1L).build());

        for (String name : List.of("exec", "tcp")) {
            Pod restarted = awaitPod("live", name, p -> p.status().containerStatuses().stream()
                    .anyMatch(s -> s.restartCount() != null && s.restartCount() >= 1));
            ContainerStatus s = restarted.status().containerStatuses().get(0);
            assertEquals(1, s.restartCount(), s.toString());
            assertNotNull(s.lastState().terminated(), s.toString());
        }
        Event unhealthy = Await.value("an Unhealthy event for live/exec", () -> events("live").stream()
                .filter(e -> "Unhealthy".equals(e.reason()) && e.message().startsWith("Liveness probe failed:")
                        && e.involvedObject().name().equals("exec"))
                .findFirst());
        assertEquals("Warning", unhealthy.type());
    }

    private static List<Event> events(String ns) {
        return cluster.client.resource(Kinds.EVENTS).list(ns, ListOptions.all()).items();
    }

    private static String condition(Pod p, String type) {
        return p.status().conditions().stream().filter(c -> c.type().equals(type)).map(Condition::status)
                .findFirst().orElse("missing");
    }

    private static Optional<ContainerStatus> running(Pod p) {
        return p.status().containerStatuses().stream().filter(s -> s.state() != null && s.state().running() != null)
                .findFirst();
    }

    private static Pod awaitPod(String ns, String name, Predicate<Pod> done) {
        return Await.value("pod " + ns + "/" + name + " to reach the expected state",
                () -> cluster.pod(ns, name).filter(done));
    }
}
