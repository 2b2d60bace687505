package dev.keel.controllers.endpoints;

import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.core.EndpointAddress;
import dev.keel.api.core.EndpointPort;
import dev.keel.api.core.EndpointSubset;
import dev.keel.api.core.Endpoints;
import dev.keel.api.core.Pod;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.apiserver.TestCluster;
import dev.keel.controllers.manager.ControllerManager;
import dev.keel.controllers.testing.Managers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.keel.controllers.testing.Awaits.await;
import static dev.keel.controllers.testing.Objects.namespace;
import static dev.keel.controllers.testing.Objects.pod;
import static dev.keel.controllers.testing.Objects.port;
import static dev.keel.controllers.testing.Objects.running;
import static dev.keel.controllers.testing.Objects.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The endpoints controller against a real store + apiserver; the test sets pod status as an agent would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointsControllerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, String> WEB = Map.of("app", "web");
    private TestCluster cluster;
    private KubeClient client;
    private ControllerManager manager;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = TestCluster.start(dir, 1);
        client = cluster.newClient();
        manager = new ControllerManager(Managers.only(cluster, EndpointsController.NAME)).start();
    }

    @AfterAll
    void stop() {
        if (manager != null) {
            manager.close();
        }
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void readyAndNotReadyPodsWithNamedPortsFollowUpdatesAndServiceDeletion() {
        String ns = "ep1";
        client.resource(Kinds.NAMESPACES).create(namespace(ns));
        Pod a = client.pods().create(pod(ns, "a", WEB, "n1", "web", 8080));
        Pod b = client.pods().create(pod(ns, "b", WEB, "n1", "web", 8081));
        client.pods().create(pod(ns, "other", Map.of("app", "db"), "n1", "web", 9999));
        client.pods().updateStatus(running(a, "10.0.0.1", true));
        b = client.pods().updateStatus(running(b, "10.0.0.2", false));
        client.resource(Kinds.SERVICES).create(service(ns, "web", WEB, port("http", 80, "web"), port("metrics", 9090, null)));

        EndpointSubset ready = subset(List.of(addr("10.0.0.1", ns, "a")), List.of(), 8080);
        EndpointSubset notReady = subset(List.of(), List.of(addr("10.0.0.2", ns, "b")), 8081);
        awaitSubsets(ns, "web", List.of(ready, notReady));

        String rv = client.resource(Kinds.ENDPOINTS).get(ns, "web").metadata().resourceVersion();
        double before = reconciles();
        b = client.pods().update(b.withMetadata(b.metadata().toBuilder()
                .annotations(Map.of("touched", "yes")).build()));
        await("the controller looked at the service again", WAIT, () -> reconciles() > before);
        assertEquals(rv, client.resource(Kinds.ENDPOINTS).get(ns, "web").metadata().resourceVersion(),
                "no write when nothing changed");

        client.pods().updateStatus(running(b, "10.0.0.2", true));
        awaitSubsets(ns, "web", List.of(ready, subset(List.of(addr("10.0.0.2", ns, "b")), List.of(), 8081)));

        client.pods().delete(ns, "a", DeleteOptions.defaults().withGracePeriodSeconds(0L));
        awaitSubsets(ns, "web", List.of(subset(List.of(addr("10.0.0.2", ns, "b")), List.of(), 8081)));

        client.resource(Kinds.SERVICES).delete(ns, "web", DeleteOptions.defaults());
        await("endpoints deleted with their service", WAIT, () -> absent(ns, "web"));
    }

    @Test
    void numericTargetPortsAndServicesWithoutSelector() {
        String ns = "ep2";
        client.resource(Kinds.NAMESPACES).create(namespace(ns));
        Pod p = client.pods().create(pod(ns, "p", WEB, "n1"));
        client.pods().updateStatus(running(p, "10.0.1.1", true));
        Endpoints manual = client.resource(Kinds.ENDPOINTS).create(Endpoints.of(ObjectMeta.of(ns, "manual"),
                List.of(new EndpointSubset(List.of(new EndpointAddress("192.168.1.1", null, null, null, Map.of())),
                        List.of(), List.of(new EndpointPort(null, 5432, "TCP", Map.of())), Map.of()))));
        client.resource(Kinds.SERVICES).create(service(ns, "manual", Map.of(), port(null, 5432, 5432)));
        client.resource(Kinds.SERVICES).create(service(ns, "num", WEB, port(null, 80, 8000)));
        awaitSubsets(ns, "num", List.of(new EndpointSubset(List.of(addr("10.0.1.1", ns, "p")), List.of(),
                List.of(new EndpointPort(null, 8000, "TCP", Map.of())), Map.of())));
        assertEquals(manual.metadata().resourceVersion(),
                client.resource(Kinds.ENDPOINTS).get(ns, "manual").metadata().resourceVersion(),
                "the endpoints of a service without selector are the user's");
    }

    @Test
    void metricsShowQueueDepthAndReconciles() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var reply = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + manager.metricsPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode());
        assertTrue(reply.body().contains("workqueue_depth{name=\"endpoints\"}"), reply.body());
        assertTrue(reply.body().contains("controller_reconcile_total{controller=\"endpoints\",result=\"success\"}"),
                reply.body());
    }

    private void awaitSubsets(String ns, String name, List<EndpointSubset> want) {
        await("endpoints " + ns + "/" + name + " = " + want, WAIT,
                () -> client.resource(Kinds.ENDPOINTS).get(ns, name).subsets().equals(want),
                () -> "; now " + endpoints(ns, name));
    }

    private Optional<Endpoints> endpoints(String ns, String name) {
        try {
            return Optional.of(client.resource(Kinds.ENDPOINTS).get(ns, name));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private boolean absent(String ns, String name) {
        return endpoints(ns, name).isEmpty();
    }

    private double reconciles() {
        Matcher m = Pattern.compile("controller_reconcile_total\\{controller=\"endpoints\",result=\"success\"} (\\S+)")
                .matcher(manager.scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private EndpointSubset subset(List<EndpointAddress> ready, List<EndpointAddress> notReady, int webPort) {
        return new EndpointSubset(ready, notReady, List.of(new EndpointPort("http", webPort, "TCP", Map.of()),
                new EndpointPort("metrics", 9090, "TCP", Map.of())), Map.of());
    }

    private EndpointAddress addr(String ip, String ns, String pod) {
        String uid = client.pods().get(ns, pod).metadata().uid();
        return new EndpointAddress(ip, null, "n1",
                new dev.keel.api.core.ObjectReference(null, "Pod", ns, pod, uid, null, null, Map.of()), Map.of());
    }
}
