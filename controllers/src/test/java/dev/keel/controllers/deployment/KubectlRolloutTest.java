package dev.keel.controllers.deployment;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.controllers.testing.Await;
import dev.keel.controllers.testing.ControlPlane;
import dev.keel.controllers.testing.FakeKubelet;
import dev.keel.controllers.testing.KubectlRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.keel.controllers.deployment.DeploymentTestSupport.WAIT;
import static dev.keel.controllers.deployment.DeploymentTestSupport.awaitRolledOut;
import static dev.keel.controllers.deployment.DeploymentTestSupport.replicaSetWithImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kubectl's rollout commands against the controllers on a real control plane: rollout status waits for the
 * Deployment's status and conditions, set image rolls out, rollout undo re-applies the previous template,
 * pause/resume, and a rollout past its progress deadline makes rollout status fail. Skipped without kubectl.
 */
class KubectlRolloutTest {
    private static final String APP = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              strategy:
                rollingUpdate: {maxSurge: 1, maxUnavailable: 1}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: main
                    image: nginx:1
            """;

    @TempDir
    static Path dir;
    static ControlPlane plane;
    static FakeKubelet kubelet;
    static KubectlRunner kubectl;

    @BeforeAll
    static void start() {
        kubectl = KubectlRunner.find(dir.resolve("kubeconfig"), dir.resolve("home")).orElse(null);
        assumeTrue(kubectl != null, "kubectl is not on PATH");
        plane = DeploymentTestSupport.start(dir.resolve("cluster"));
        kubelet = DeploymentTestSupport.kubelet(plane);
        kubectl = KubectlRunner.find(plane.kubeconfig(), dir.resolve("home")).orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    @Test
    void rolloutStatusSetImageUndoPauseAndResume() throws Exception {
        String ns = "k-rollout";
        plane.createNamespace(ns);
        Path file = dir.resolve("web.yaml");
        Files.writeString(file, APP);
        kubectl.run("apply", "-n", ns, "-f", file.toString()).ok();
        KubectlRunner.Result status = kubectl.run("rollout", "status", "deployment/web", "-n", ns,
                "--timeout=60s").ok();
        assertTrue(status.out().contains("successfully rolled out"), status.out());
        awaitRolledOut(plane, ns, "web", "nginx:1");

        kubectl.run("set", "image", "deployment/web", "main=nginx:2", "-n", ns).ok();
        status = kubectl.run("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s").ok();
        assertTrue(status.out().contains("successfully rolled out"), status.out());
        awaitRolledOut(plane, ns, "web", "nginx:2");

        ReplicaSet v1 = replicaSetWithImage(plane, ns, "nginx:1").orElseThrow();
        kubectl.run("rollout", "undo", "deployment/web", "-n", ns).ok();
        status = kubectl.run("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s").ok();
        assertTrue(status.out().contains("successfully rolled out"), status.out());
        awaitRolledOut(plane, ns, "web", "nginx:1");
        ReplicaSet back = replicaSetWithImage(plane, ns, "nginx:1").orElseThrow();
        assertEquals(v1.metadata().uid(), back.metadata().uid());
        assertEquals("3", back.metadata().annotations().get("deployment.kubernetes.io/revision"));
        String history = kubectl.run("rollout", "history", "deployment/web", "-n", ns).ok().out();
        assertTrue(history.contains("2 ") && history.contains("3 "), history);

        kubectl.run("rollout", "pause", "deployment/web", "-n", ns).ok();
        kubectl.run("set", "image", "deployment/web", "main=nginx:3", "-n", ns).ok();
        Deployment changed = plane.client().deployments().get(ns, "web");
        Await.until(WAIT, "the paused deployment's status to catch up", () -> {
            Deployment d = plane.client().deployments().get(ns, "web");
            return d.status().observedGeneration() != null
                    && d.status().observedGeneration() >= changed.metadata().generation();
        });
        assertTrue(replicaSetWithImage(plane, ns, "nginx:3").isEmpty(), "no rollout while paused");
        kubectl.run("rollout", "resume", "deployment/web", "-n", ns).ok();
        status = kubectl.run("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s").ok();
        assertTrue(status.out().contains("successfully rolled out"), status.out());
        awaitRolledOut(plane, ns, "web", "nginx:3");
    }

    @Test
    void rolloutStatusFailsPastTheProgressDeadline() throws Exception {
        String ns = "k-deadline";
        plane.createNamespace(ns);
        kubelet.setAutoReady(ns, false);
        Path file = dir.resolve("stuck.yaml");
        Files.writeString(file, APP.replace("replicas: 3", "replicas: 2\n  progressDeadlineSeconds: 2"));
        kubectl.run("apply", "-n", ns, "-f", file.toString()).ok();
        KubectlRunner.Result status = kubectl.run("rollout", "status", "deployment/web", "-n", ns,
                "--timeout=60s");
        assertNotEquals(0, status.exit(), status.out());
        assertTrue(status.err().contains("exceeded its progress deadline"), status.err());
    }
}
