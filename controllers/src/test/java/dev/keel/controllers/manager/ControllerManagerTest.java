package dev.keel.controllers.manager;

import dev.keel.api.client.KubeClient;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.core.Pod;
import dev.keel.api.kinds.Kinds;
import dev.keel.apiserver.TestCluster;
import dev.keel.controllers.endpoints.EndpointsController;
import dev.keel.controllers.leaderelection.LeaderElectionConfig;
import dev.keel.controllers.testing.Managers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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

/** Two managers on one lease: only the leader acts; the standby takes over when the leader goes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControllerManagerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private TestCluster cluster;
    private KubeClient client;

    @BeforeAll
    void start(@TempDir Path dir) {
        cluster = TestCluster.start(dir, 1);
        client = cluster.newClient();
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private ControllerManagerConfig elected(String identity) {
        ControllerManagerConfig c = Managers.only(cluster, EndpointsController.NAME);
        LeaderElectionConfig le = LeaderElectionConfig.of(ControllerManagerConfig.LEASE_NAMESPACE,
                ControllerManagerConfig.LEASE_NAME, identity)
                .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(300));
        return c.withLeaderElection(true, le);
    }

    @Test
    void onlyTheLeaderActsAndTheStandbyTakesOver() {
        client.resource(Kinds.NAMESPACES).create(namespace("le"));
        Pod p = client.pods().create(pod("le", "p", Map.of("app", "web"), "n1"));
        client.pods().updateStatus(running(p, "10.2.0.1", true));
        ControllerManager a = new ControllerManager(elected("manager-a")).start();
        ControllerManager b = new ControllerManager(elected("manager-b")).start();
        try {
            await("one leader", WAIT, () -> a.isLeading() || b.isLeading());
            ControllerManager leader = a.isLeading() ? a : b;
            ControllerManager standby = leader == a ? b : a;
            assertTrue(!standby.isLeading(), "never two leaders");
            assertEquals(leader == a ? "manager-a" : "manager-b",
                    client.resource(Kinds.LEASES).get("kube-system", "kube-controller-manager").spec()
                            .holderIdentity());
            client.resource(Kinds.SERVICES).create(service("le", "one", Map.of("app", "web"), port(null, 80, null)));
            await("the leader writes endpoints", WAIT, () -> exists("one"));
            assertEquals(0.0, reconciles(standby), "the standby did not reconcile");
            assertTrue(standby.scrape().contains("leader_election_master_status{name=\"kube-controller-manager\"} 0.0"));

            leader.close();
            await("the standby takes over", WAIT, standby::isLeading);
            client.resource(Kinds.SERVICES).create(service("le", "two", Map.of("app", "web"), port(null, 80, null)));
            await("the new leader writes endpoints", WAIT, () -> exists("two"));
            assertTrue(reconciles(standby) > 0);
        } finally {
            a.close();
            b.close();
        }
    }

    private boolean exists(String name) {
        try {
            return !client.resource(Kinds.ENDPOINTS).get("le", name).subsets().isEmpty();
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static double reconciles(ControllerManager m) {
        Matcher x = Pattern.compile("controller_reconcile_total\\{controller=\"endpoints\",result=\"success\"} (\\S+)")
                .matcher(m.scrape());
        return x.find() ? Double.parseDouble(x.group(1)) : 0;
    }
}
