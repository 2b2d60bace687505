package dev.keel.controllers.nodelifecycle;

import dev.keel.api.client.ConflictException;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.coordination.Lease;
import dev.keel.api.coordination.LeaseSpec;
import dev.keel.api.core.Node;
import dev.keel.api.core.NodeStatus;
import dev.keel.api.core.Pod;
import dev.keel.api.core.Taint;
import dev.keel.api.core.Toleration;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.Condition;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.keel.controllers.testing.Awaits.await;
import static dev.keel.controllers.testing.Objects.namespace;
import static dev.keel.controllers.testing.Objects.pod;
import static dev.keel.controllers.testing.Objects.running;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node lifecycle controller with a 2 s grace period and a 3 s default toleration. The test plays the node agent:
 * it registers Nodes, renews their Leases and sets pod status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeLifecycleControllerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private TestCluster cluster;
    private KubeClient client;
    private ControllerManager manager;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = TestCluster.start(dir, 1);
        client = cluster.newClient();
        NodeLifecycleConfig nl = NodeLifecycleConfig.defaults().withGracePeriod(Duration.ofSeconds(2))
                .withPodEvictionTimeout(Duration.ofSeconds(3)).withMonitorPeriod(Duration.ofMillis(500));
        manager = new ControllerManager(Managers.only(cluster, NodeLifecycleController.NAME).withNodeLifecycle(nl))
                .start();
        client.resource(Kinds.NAMESPACES).create(namespace("apps"));
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
    void aNodeThatStopsRenewingIsTaintedItsPodsEvictedAndItComesBackUntainted() {
        Node node = register("n1");
        Lease lease = client.resource(Kinds.LEASES).create(Lease.of(ObjectMeta.of("kube-node-lease", "n1"),
                new LeaseSpec("n1", 40, null, Instant.now(), null, Map.of())));
        Pod doomed = client.pods().create(withGrace(pod("apps", "doomed", Map.of(), "n1"), 1));
        client.pods().updateStatus(running(doomed, "10.1.0.1", true));
        Toleration forever = new Toleration(NodeTaints.UNREACHABLE, "Exists", null, "NoExecute", null, Map.of());
        Pod tolerant = client.pods().create(withTolerations(pod("apps", "tolerant", Map.of(), "n1"), forever));
        client.pods().updateStatus(running(tolerant, "10.1.0.2", true));

        // No more renewals: the lease and the Ready heartbeat stay as they are.
        await("n1 Ready=Unknown", WAIT, () -> "Unknown".equals(readyOf("n1").status()));
        Condition ready = readyOf("n1");
        assertEquals("NodeStatusUnknown", ready.reason());
        assertEquals("Kubelet stopped posting node status.", ready.message());
        await("n1 tainted unreachable:NoExecute", WAIT, () -> hasTaint("n1", NodeTaints.UNREACHABLE));
        Taint t = client.nodes().get(null, "n1").spec().taints().get(0);
        assertEquals("NoExecute", t.effect());
        assertNotNull(t.timeAdded());
        await("pods on n1 marked not ready", WAIT, () -> !podReady("doomed") && !podReady("tolerant"));

        await("the pod without toleration evicted and, its node unreachable, force-deleted after its grace", WAIT,
                () -> gone("doomed"));
        assertEquals(null, client.pods().get("apps", "tolerant").metadata().deletionTimestamp(),
                "a pod tolerating unreachable forever stays");

        // The agent comes back: renews its lease and posts Ready=True.
        client.resource(Kinds.LEASES).update(client.resource(Kinds.LEASES).get("kube-node-lease", "n1")
                .withSpec(new LeaseSpec("n1", 40, null, Instant.now(), null, Map.of())));
        assertTrue(hasTaint("n1", NodeTaints.UNREACHABLE), "a renewed lease alone does not make the node Ready");
        postReady("n1", "True");
        await("n1 untainted", WAIT, () -> client.nodes().get(null, "n1").spec().taints().isEmpty());
        assertEquals("True", readyOf("n1").status());
        assertNotNull(lease);
        assertNotNull(node);
    }

    @Test
    void aNodeReportingNotReadyGetsTheNotReadyTaint() {
        register("n2");
        client.resource(Kinds.LEASES).create(Lease.of(ObjectMeta.of("kube-node-lease", "n2"),
                new LeaseSpec("n2", 40, null, Instant.now(), null, Map.of())));
        postReady("n2", "False");
        await("n2 tainted not-ready:NoExecute", WAIT, () -> hasTaint("n2", NodeTaints.NOT_READY));
        postReady("n2", "True");
        await("n2 untainted", WAIT, () -> client.nodes().get(null, "n2").spec().taints().isEmpty());
    }

    @Test
    void podsOfANodeThatIsGoneAreForceDeleted() {
        Pod p = client.pods().create(pod("apps", "stray", Map.of(), "no-such-node"));
        assertNotNull(p);
        await("pod of a missing node deleted", WAIT, () -> gone("stray"));
    }

    private Node register(String name) {
        Node n = client.nodes().create(Node.of(ObjectMeta.of(null, name), null, null));
        postReady(name, "True");
        return n;
    }

    /** As an agent posts status: read, change, write; a conflict with the controller's writes reads again. */
    private void postReady(String name, String status) {
        for (int attempt = 0; ; attempt++) {
            Node n = client.nodes().get(null, name);
            Instant now = Instant.now();
            Condition ready = new Condition("Ready", status, null, now, null, now, "KubeletReady",
                    "kubelet is posting", Map.of());
            try {
                client.nodes().updateStatus(n.withStatus(NodeStatus.builder().conditions(List.of(ready)).build()));
                return;
            } catch (ConflictException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private Condition readyOf(String node) {
        return client.nodes().get(null, node).status().conditions().stream().filter(c -> c.type().equals("Ready"))
                .findFirst().orElseThrow();
    }

    private boolean hasTaint(String node, String key) {
        return client.nodes().get(null, node).spec().taints().stream().anyMatch(t -> t.key().equals(key));
    }

    private boolean podReady(String name) {
        return client.pods().get("apps", name).status().conditions().stream()
                .anyMatch(c -> c.type().equals("Ready") && c.isTrue());
    }

    private boolean gone(String name) {
        try {
            client.pods().get("apps", name);
            return false;
        } catch (NotFoundException e) {
            return true;
        }
    }

    private static Pod withGrace(Pod p, long seconds) {
        return p.withSpec(p.spec().toBuilder().terminationGracePeriodSeconds(seconds).build());
    }

    private static Pod withTolerations(Pod p, Toleration... t) {
        return p.withSpec(p.spec().toBuilder().tolerations(List.of(t)).build());
    }
}
