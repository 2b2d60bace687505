package dev.keel.node;

import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.ListOptions;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.node.runtime.RuntimeKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fifty hollow node agents in this JVM, sharing one client: many pods bound across them go Running, and go away. */
class HollowFleetTest {
    private static final int NODES = 50;
    private static final int PODS = 200;

    @TempDir
    Path dir;

    @Test
    void podsOnFiftyHollowNodesRunAndAreDeleted() {
        try (Cluster cluster = Cluster.start(dir);
             NodeFleet fleet = new NodeFleet(NodeAgentConfig.of("hollow", RuntimeKind.HOLLOW, dir.resolve("nodes"))
                     .withPort(-1), NODES, cluster.client, 4).start()) {
            List<Node> nodes = cluster.client.nodes().list(null, ListOptions.all().withLabelSelector(
                    "keel.dev/runtime=hollow")).items();
            assertEquals(NODES, nodes.size());
            cluster.namespace("scale");
            for (int i = 0; i < PODS; i++) {
                cluster.run("scale", "p" + i, "hollow-" + (i % NODES), "Always", "anything");
            }
            Await.until("every pod Running and Ready", Duration.ofSeconds(120), () -> pods(cluster).stream()
                    .filter(p -> "Running".equals(p.status().phase()) && p.status().containerStatuses().get(0).ready())
                    .count() == PODS);
            assertTrue(pods(cluster).stream().allMatch(p -> p.status().containerStatuses().get(0).containerID()
                    .startsWith("hollow://")));
            assertEquals(PODS / NODES, fleet.agents().get(7).podCount());

            for (int i = 0; i < PODS; i++) {
                cluster.client.pods().delete("scale", "p" + i, DeleteOptions.defaults());
            }
            Await.until("every pod deleted", Duration.ofSeconds(120), () -> pods(cluster).isEmpty());
        }
    }

    /**
     * The fleet's agents get their pods from one shared informer: a new fleet of the same nodes takes back the pods
     * already bound to them (replayed when each agent registers), and pods bound afterwards reach the right agent.
     */
    @Test
    void aRestartedFleetTakesBackThePodsBoundToItsNodes() {
        NodeAgentConfig template = NodeAgentConfig.of("again", RuntimeKind.HOLLOW, dir.resolve("again")).withPort(-1);
        try (Cluster cluster = Cluster.start(dir)) {
            cluster.namespace("restart");
            try (NodeFleet fleet = new NodeFleet(template, 3, cluster.client, 2).start()) {
                for (int i = 0; i < 6; i++) {
                    cluster.run("restart", "p" + i, "again-" + (i % 3), "Always", "anything");
                }
                Await.until("six pods Running", Duration.ofSeconds(60), () -> cluster.client.pods()
                        .list("restart", ListOptions.all()).items().stream()
                        .filter(p -> "Running".equals(p.status().phase())).count() == 6);
            }
            try (NodeFleet again = new NodeFleet(template, 3, cluster.client, 2).start()) {
                assertEquals(List.of(2, 2, 2), again.agents().stream().map(NodeAgent::podCount).toList());
                cluster.run("restart", "late", "again-1", "Always", "anything");
                Await.until("the late pod on again-1", Duration.ofSeconds(60),
                        () -> again.agents().get(1).podCount() == 3);
                assertEquals(2, again.agents().get(0).podCount());
            }
        }
    }

    private static List<Pod> pods(Cluster cluster) {
        return cluster.client.pods().list("scale", ListOptions.all()).items();
    }
}
