package dev.keel.node;

import dev.keel.api.core.Container;
import dev.keel.api.core.EndpointAddress;
import dev.keel.api.core.EndpointPort;
import dev.keel.api.core.EndpointSubset;
import dev.keel.api.core.Endpoints;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.Probe;
import dev.keel.api.core.Service;
import dev.keel.api.core.ServicePort;
import dev.keel.api.core.ServiceSpec;
import dev.keel.api.core.TcpSocketAction;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.IntOrString;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.node.runtime.RuntimeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service proxy inside the agent: a Service with a clusterIP and Endpoints pointing at two pods the agent runs
 * (each with its own pod address, both on port 8000) -> connections to clusterIP:8080 reach the pods in turn.
 */
class AgentServiceProxyTest {
    private static final String NODE = "proxied";

    @TempDir
    Path dir;
    private Cluster cluster;
    private NodeAgent agent;
    private final int third = ThreadLocalRandom.current().nextInt(256);
    private final String cidr = "127.182." + third + ".0/24";
    private final String clusterIP = "127.96." + third + "." + (2 + ThreadLocalRandom.current().nextInt(250));

    @BeforeEach
    void start() {
        cluster = Cluster.start(dir);
        agent = new NodeAgent(NodeAgentConfig.of(NODE, RuntimeKind.PROCESS, dir.resolve("node")).withPort(-1)
                .withPodCidr(cidr), cluster.client).start();
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

    @Test
    void aClusterIpReachesThePodsRoundRobin() throws Exception {
        cluster.namespace("svc");
        List<String> podIPs = new ArrayList<>();
        for (String name : List.of("one", "two")) {
            Path root = Files.createDirectories(dir.resolve("www-" + name));
            Files.writeString(root.resolve("who"), name);
            cluster.run("svc", name, NODE, server(root));
        }
        for (String name : List.of("one", "two")) {
            Pod p = Await.value("pod svc/" + name + " to be ready", () -> cluster.pod("svc", name)
                    .filter(x -> x.status().containerStatuses().stream().anyMatch(s -> Boolean.TRUE.equals(s.ready()))));
            podIPs.add(p.status().podIP());
        }
        assertNotEquals(podIPs.get(0), podIPs.get(1));

        ServicePort port = ServicePort.of(8080, IntOrString.of(8000));
        Service svc = cluster.client.resource(Kinds.SERVICES).create(Service.of(ObjectMeta.of("svc", "web"),
                ServiceSpec.builder().selector(Map.of("app", "web")).clusterIP(clusterIP).ports(List.of(port))
                        .build()));
        assertEquals(clusterIP, svc.spec().clusterIP());
        List<EndpointAddress> addresses = podIPs.stream()
                .map(ip -> new EndpointAddress(ip, null, NODE, null, Map.of())).toList();
        cluster.client.resource(Kinds.ENDPOINTS).create(Endpoints.of(ObjectMeta.of("svc", "web"), List.of(
                new EndpointSubset(addresses, List.of(), List.of(new EndpointPort(null, 8000, "TCP", Map.of())),
                        Map.of()))));

        InetSocketAddress at = new InetSocketAddress(clusterIP, 8080);
        Await.until("the proxy to listen on " + at + " with both pods behind it",
                () -> agent.serviceProxy().orElseThrow().backends(at).map(List::size).orElse(0) == 2);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(who(at));
        }
        assertTrue(answers.containsAll(List.of("one", "two")), answers.toString());
        for (int i = 1; i < answers.size(); i++) {
            assertNotEquals(answers.get(i - 1), answers.get(i), "round-robin: " + answers);
        }
    }

    private static PodSpec server(Path root) {
        Container c = Container.builder().name("web").image("python")
                .command(List.of("python3", "-m", "http.server", "8000", "--bind", "$(POD_IP)"))
                .workingDir(root.toString())
                .readinessProbe(Probe.builder().tcpSocket(new TcpSocketAction(IntOrString.of(8000), null, Map.of()))
                        .periodSeconds(1).build())
                .build();
        return PodSpec.builder().containers(List.of(c)).terminationGracePeriodSeconds(2L).build();
    }

    /** GET /who over a connection of its own (HTTP/1.0: the server closes it after the answer). */
    private static String who(InetSocketAddress at) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(at, 5_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write("GET /who HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.0 200"), response);
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
