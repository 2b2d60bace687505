package dev.keel.node;

import dev.keel.api.core.Pod;
import dev.keel.node.runtime.RuntimeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link NodeAgent#stopContainers} (what {@code keel up} does on Ctrl-C) leaves no process behind: the pod workers
 * stop acting first, so a container that exits because it was stopped is not restarted under restartPolicy Always.
 */
class StopContainersTest {
    private static final String NODE = "stopper";

    @TempDir
    Path dir;
    private Cluster cluster;
    private NodeAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        pods().forEach(ProcessHandle::destroyForcibly); // only if the test failed
    }

    @Test
    void stoppedContainersAreNotRestarted() throws Exception {
        cluster = Cluster.start(dir);
        agent = new NodeAgent(NodeAgentConfig.of(NODE, RuntimeKind.PROCESS, dir.resolve("node")).withPort(-1)
                .withProxy(false).withStatusIntervals(Duration.ofSeconds(1), Duration.ofSeconds(5))
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMinutes(10)), cluster.client)
                .start();
        cluster.namespace("stop");
        for (int i = 0; i < 4; i++) {
            cluster.run("stop", "p" + i, NODE, "Always", "sleep", marker());
        }
        Await.until("4 running pods", () -> pods().size() == 4 && cluster.client.pods().list("stop", dev.keel.api.client.ListOptions.all()).items().stream()
                .allMatch(p -> "Running".equals(p.status().phase())));

        agent.stopContainers(Duration.ofSeconds(2));

        assertEquals(List.of(), pods(), "no container process right after stopContainers");
        // a restart would come from the exit listener within milliseconds; watch a while for one
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < until) {
            assertEquals(List.of(), pods(), "a stopped container was started again");
            Thread.sleep(50); // sampling the process table: there is no event for "nothing happened"
        }
        for (Pod p : cluster.client.pods().list("stop", dev.keel.api.client.ListOptions.all()).items()) {
            assertEquals(NODE, p.spec().nodeName(), "the pods stay bound to the node");
        }
    }

    /** A sleep length no other process on the machine uses, so the process table tells this test's containers. */
    private String marker() {
        return String.valueOf(100_000 + Math.abs(dir.hashCode() % 800_000));
    }

    private List<ProcessHandle> pods() {
        String m = marker();
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains("sleep " + m)).orElse(false))
                .filter(ProcessHandle::isAlive)
                .toList();
    }
}
