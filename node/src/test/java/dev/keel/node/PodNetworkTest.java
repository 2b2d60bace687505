package dev.keel.node;

import dev.keel.api.client.DeleteOptions;
import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerStatus;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.Probe;
import dev.keel.api.core.TcpSocketAction;
import dev.keel.api.meta.IntOrString;
import dev.keel.node.runtime.RuntimeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An agent with a pod CIDR: each pod has an address of its own, so three pods all serve port 8000; addresses
 * survive an agent restart and are released when the pod goes.
 */
class PodNetworkTest {
    private static final String NODE = "cidr";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;
    private Cluster cluster;
    private NodeAgent agent;
    /** A /24 of its own per run, so concurrent runs on one machine do not share addresses. */
    private final String cidr = "127.181." + ThreadLocalRandom.current().nextInt(256) + ".0/24";

    @BeforeEach
    void start() {
        cluster = Cluster.start(dir);
        agent = newAgent().start();
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stopContainers(Duration.ofSeconds(2));
            agent.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private NodeAgent newAgent() {
        return new NodeAgent(NodeAgentConfig.of(NODE, RuntimeKind.PROCESS, dir.resolve("node")).withPort(-1)
                .withPodCidr(cidr).withProxy(false), cluster.client);
    }

    @Test
    void threePodsServeTheSamePortOnAddressesOfTheirOwn() throws Exception {
        Node node = cluster.client.nodes().get(null, NODE);
        assertEquals(cidr, node.spec().podCIDR());
        cluster.namespace("web");
        for (String name : List.of("a", "b", "c")) {
            cluster.run("web", name, NODE, server());
        }
        cluster.run("web", "host", NODE, PodSpec.builder().hostNetwork(true).terminationGracePeriodSeconds(1L)
                .containers(List.of(Container.builder().name("main").image("busybox")
                        .command(List.of("sh", "-c", "echo ip=$POD_IP; sleep 1000")).build())).build());

        Map<String, String> ips = new HashMap<>();
        Map<String, String> ids = new HashMap<>();
        PodCidr range = PodCidr.parse(cidr);
        for (String name : List.of("a", "b", "c")) {
            Pod p = awaitPod("web", name, x -> ready(x).isPresent());
            String ip = p.status().podIP();
            assertTrue(range.indexOf(ip) >= range.firstPodHost() && range.indexOf(ip) <= range.lastPodHost(), ip);
            assertEquals("127.0.0.1", p.status().hostIP());
            ips.put(name, ip);
            ids.put(name, ready(p).get().containerID());
            assertEquals(200, get(ip));
        }
        assertEquals(3, new HashSet<>(ips.values()).size(), ips.toString());
        Pod host = awaitPod("web", "host", x -> ready(x).isPresent());
        assertEquals("127.0.0.1", host.status().podIP());

        agent.close();
        agent = newAgent().start();
        cluster.run("web", "d", NODE, server());
        Pod d = awaitPod("web", "d", x -> ready(x).isPresent());
        assertTrue(!ips.containsValue(d.status().podIP()), "a new pod after the restart gets a free address: "
                + d.status().podIP() + " vs " + ips);
        assertEquals(200, get(d.status().podIP()));
        for (String name : List.of("a", "b", "c")) {
            Pod p = awaitPod("web", name, x -> ready(x).isPresent());
            assertEquals(ips.get(name), p.status().podIP(), "the adopted pod keeps its address");
            assertEquals(ids.get(name), ready(p).get().containerID(), "its process is adopted");
            assertEquals(200, get(ips.get(name)));
        }

        cluster.client.pods().delete("web", "a", DeleteOptions.defaults());
        Path files = dir.resolve("node").resolve("pod-addresses");
        Await.until("the address of the deleted pod to be released",
                () -> Files.notExists(files.resolve(ips.get("a"))));
        assertTrue(Files.exists(files.resolve(ips.get("b"))));
    }

    private static PodSpec server() {
        Container c = Container.builder().name("web").image("python")
                .command(List.of("python3", "-m", "http.server", "8000", "--bind", "$(POD_IP)"))
                .workingDir("/")
                .readinessProbe(Probe.builder().tcpSocket(new TcpSocketAction(IntOrString.of(8000), null, Map.of()))
                        .periodSeconds(1).build())
                .build();
        return PodSpec.builder().containers(List.of(c)).terminationGracePeriodSeconds(2L).build();
    }

    private static int get(String ip) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8000/")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Optional<ContainerStatus> ready(Pod p) {
        return p.status().containerStatuses().stream().filter(s -> s.state() != null && s.state().running() != null
                && Boolean.TRUE.equals(s.ready())).findFirst();
    }

    private Pod awaitPod(String ns, String name, Predicate<Pod> done) {
        return Await.value("pod " + ns + "/" + name + " to reach the expected state",
                () -> cluster.pod(ns, name).filter(done));
    }
}
