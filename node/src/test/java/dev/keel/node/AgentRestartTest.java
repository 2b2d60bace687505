package dev.keel.node;

import dev.keel.api.client.DeleteOptions;
import dev.keel.api.core.ContainerStatus;
import dev.keel.api.core.Pod;
import dev.keel.node.runtime.ContainerInfo;
import dev.keel.node.runtime.RuntimeKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node agent that stops without stopping its containers (as after a crash: {@link NodeAgent#close()} leaves them
 * running) and starts again from the same data directory: running processes are adopted, not duplicated; those
 * whose pod went away meanwhile are killed; one that died meanwhile is restarted.
 */
class AgentRestartTest {
    private static final String NODE = "r1";

    @TempDir
    Path dir;
    private Cluster cluster;
    private NodeAgent agent;

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
        return new NodeAgent(NodeAgentConfig.of(NODE, RuntimeKind.PROCESS, dir.resolve("node")).withPort(0)
                .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMinutes(10))
                .withOrphanGracePeriod(Duration.ofSeconds(1)), cluster.client);
    }

    @Test
    void aRestartedAgentAdoptsItsProcessesAndKillsThoseOfGonePods() {
        cluster.namespace("adopt");
        cluster.run("adopt", "keep", NODE, "Always", "sh", "-c", "echo kept; sleep 1000");
        cluster.run("adopt", "gone", NODE, "Always", "sleep", "1000");
        cluster.run("adopt", "dies", NODE, "Always", "sleep", "1000");
        long keep = pid(awaitRunning("keep", 0));
        long gone = pid(awaitRunning("gone", 0));
        long dies = pid(awaitRunning("dies", 0));

        agent.close();
        assertTrue(Procs.alive(keep) && Procs.alive(gone) && Procs.alive(dies), "closing the agent leaves containers");
        cluster.client.pods().delete("adopt", "gone", DeleteOptions.defaults().withGracePeriodSeconds(0L));
        Procs.kill9(dies);
        Await.until("the killed process to be gone", () -> !Procs.alive(dies));

        agent = newAgent().start();
        Await.until("the process of the deleted pod to be killed", () -> !Procs.alive(gone));
        ContainerStatus kept = awaitRunning("keep", 0);
        assertEquals(keep, pid(kept), "the running process is adopted, not started again");
        assertTrue(Procs.alive(keep));
        ContainerStatus restarted = awaitRunning("dies", 1);
        assertEquals("ContainerStatusUnknown", restarted.lastState().terminated().reason());

        List<ContainerInfo> running = agent.containers().stream().filter(ContainerInfo::running).toList();
        assertEquals(2, running.size(), "one instance per container, no duplicates: " + running);
        Await.equal("the log of the adopted container from the agent's port", "200 kept\n", () -> agentLog("keep"));
    }

    private String agentLog(String pod) {
        try {
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + agent.port() + "/containerLogs/adopt/" + pod + "/main"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (java.io.IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private ContainerStatus awaitRunning(String pod, int restarts) {
        return Await.value("pod adopt/" + pod + " running with " + restarts + " restarts", () -> cluster.pod("adopt", pod)
                .flatMap(AgentRestartTest::running).filter(s -> s.restartCount() == restarts));
    }

    private static Optional<ContainerStatus> running(Pod p) {
        return p.status().containerStatuses().stream().filter(s -> s.state() != null && s.state().running() != null)
                .findFirst();
    }

    private static long pid(ContainerStatus s) {
        return Procs.pid(s.containerID());
    }
}
