package dev.keel.controllers.deployment;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.Condition;
import dev.keel.api.meta.IntOrString;
import dev.keel.controllers.testing.Await;
import dev.keel.controllers.testing.ControlPlane;
import dev.keel.controllers.testing.FakeKubelet;
import dev.keel.controllers.testing.Scaling;
import dev.keel.controllers.testing.PodStateMonitor;
import dev.keel.controllers.util.PodConditions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.keel.controllers.deployment.DeploymentTestSupport.WAIT;
import static dev.keel.controllers.deployment.DeploymentTestSupport.activePods;
import static dev.keel.controllers.deployment.DeploymentTestSupport.awaitRolledOut;
import static dev.keel.controllers.deployment.DeploymentTestSupport.patchSpec;
import static dev.keel.controllers.deployment.DeploymentTestSupport.replicaSetWithImage;
import static dev.keel.controllers.deployment.DeploymentTestSupport.replicaSets;
import static dev.keel.controllers.deployment.DeploymentTestSupport.setImage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Deployment controller with the ReplicaSet controller against a real store + apiserver; a fake kubelet binds
 * pods and makes them ready after a random 20-200 ms.
 */
class DeploymentControllerTest {
    @TempDir
    static Path dir;
    static ControlPlane plane;
    static FakeKubelet kubelet;

    @BeforeAll
    static void start() {
        plane = DeploymentTestSupport.start(dir);
        kubelet = DeploymentTestSupport.kubelet(plane);
    }

    @AfterAll
    static void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    private static Optional<Condition> condition(Deployment d, String type) {
        return d.status().conditions().stream().filter(c -> type.equals(c.type())).findFirst();
    }

    private static void scale(String ns, String name, int replicas) {
        Scaling.scale(plane.client().deployments(), ns, name, replicas);
    }

    @Test
    void createsAHashNamedReplicaSetAndScales() {
        String ns = "d-create";
        plane.createNamespace(ns);
        plane.client().deployments().create(DeploymentTestSupport.rolling(ns, "web", 3, IntOrString.of(1),
                IntOrString.of(0), "nginx:1"));
        awaitRolledOut(plane, ns, "web", "nginx:1");

        List<ReplicaSet> rss = replicaSets(plane, ns);
        assertEquals(1, rss.size());
        ReplicaSet rs = rss.get(0);
        String hash = rs.metadata().labels().get("pod-template-hash");
        assertEquals("web-" + hash, rs.metadata().name());
        assertEquals(hash, rs.spec().selector().matchLabels().get("pod-template-hash"));
        assertEquals(hash, rs.spec().template().metadata().labels().get("pod-template-hash"));
        assertEquals("1", rs.metadata().annotations().get("deployment.kubernetes.io/revision"));
        assertTrue(rs.metadata().controllerRef().orElseThrow().blockOwnerDeletion());
        for (Pod p : activePods(plane, ns)) {
            assertEquals(hash, p.metadata().labels().get("pod-template-hash"));
            assertTrue(p.metadata().name().startsWith("web-" + hash + "-"), p.metadata().name());
        }
        Deployment d = plane.client().deployments().get(ns, "web");
        assertEquals("1", d.metadata().annotations().get("deployment.kubernetes.io/revision"));
        assertEquals("NewReplicaSetAvailable", condition(d, "Progressing").orElseThrow().reason());
        assertEquals("MinimumReplicasAvailable", condition(d, "Available").orElseThrow().reason());
        assertEquals(3, d.status().readyReplicas());
        assertEquals(0, d.status().unavailableReplicas());

        scale(ns, "web", 5);
        awaitRolledOut(plane, ns, "web", "nginx:1");
        scale(ns, "web", 2);
        awaitRolledOut(plane, ns, "web", "nginx:1");
        assertEquals(1, replicaSets(plane, ns).size(), "scaling makes no new ReplicaSet");
    }

    /** Checks every observed pod state of a rollout against maxSurge and maxUnavailable. */
    private static void rollAndCheck(String ns, int replicas, IntOrString surge, IntOrString unavailable,
                                     int maxPods, int minAvailable) {
        plane.createNamespace(ns);
        plane.client().deployments().create(DeploymentTestSupport.rolling(ns, "web", replicas, surge, unavailable,
                "nginx:1"));
        awaitRolledOut(plane, ns, "web", "nginx:1");
        try (PodStateMonitor monitor = new PodStateMonitor(plane.client(), ns,
                pods -> budget(pods, maxPods, minAvailable))) {
            setImage(plane, ns, "web", "nginx:2");
            awaitRolledOut(plane, ns, "web", "nginx:2");
            assertEquals(List.of(), monitor.violations());
            assertTrue(monitor.states() > 2 * replicas, "observed only " + monitor.states() + " states");
        }
        ReplicaSet old = replicaSetWithImage(plane, ns, "nginx:1").orElseThrow();
        assertEquals(0, old.spec().replicas());
        assertEquals("2", replicaSetWithImage(plane, ns, "nginx:2").orElseThrow().metadata().annotations()
                .get("deployment.kubernetes.io/revision"));
    }

    private static String budget(Collection<Pod> pods, int maxPods, int minAvailable) {
        List<Pod> active = pods.stream().filter(PodConditions::isActive).collect(Collectors.toList());
        long available = active.stream().filter(PodConditions::isReady).count();
        if (active.size() > maxPods) {
            return active.size() + " pods exist, more than " + maxPods;
        }
        if (available < minAvailable) {
            return "only " + available + " pods are available, fewer than " + minAvailable;
        }
        return null;
    }

    @Test
    void rollingUpdateStaysWithinSurgeAndUnavailability() {
        rollAndCheck("d-roll", 4, IntOrString.of(1), IntOrString.of(1), 5, 3);
    }

    @Test
    void rollingUpdateWithPercentagesRoundsSurgeUpAndUnavailableDown() {
        // 30% of 5: surge ceil(1.5) = 2, unavailable floor(1.5) = 1
        rollAndCheck("d-roll-pct", 5, IntOrString.of("30%"), IntOrString.of("30%"), 7, 4);
    }

    @Test
    void rollingUpdateWithoutUnavailabilitySurgesOnly() {
        rollAndCheck("d-roll-surge", 3, IntOrString.of(1), IntOrString.of(0), 4, 3);
    }

    @Test
    void recreateRemovesEveryOldPodBeforeTheFirstNewOne() {
        String ns = "d-recreate";
        plane.createNamespace(ns);
        plane.client().deployments().create(DeploymentTestSupport.recreate(ns, "web", 3, "nginx:1"));
        awaitRolledOut(plane, ns, "web", "nginx:1");
        try (PodStateMonitor monitor = new PodStateMonitor(plane.client(), ns, pods -> {
            Set<String> images = pods.stream().map(p -> p.spec().containers().get(0).image())
                    .collect(Collectors.toSet());
            return images.size() > 1 ? "old and new pods together: " + images : null;
        })) {
            setImage(plane, ns, "web", "nginx:2");
            awaitRolledOut(plane, ns, "web", "nginx:2");
            assertEquals(List.of(), monitor.violations());
        }
    }

    @Test
    void pausedDeploymentDoesNotRollOutUntilResumed() {
        String ns = "d-pause";
        plane.createNamespace(ns);
        plane.client().deployments().create(DeploymentTestSupport.rolling(ns, "web", 2, IntOrString.of(1),
                IntOrString.of(0), "nginx:1"));
        awaitRolledOut(plane, ns, "web", "nginx:1");
        patchSpec(plane, ns, "web", "{\"paused\":true}");
        setImage(plane, ns, "web", "nginx:2");
        Deployment changed = plane.client().deployments().get(ns, "web");
        Await.until(WAIT, "the paused deployment's status to catch up", () -> {
            Deployment d = plane.client().deployments().get(ns, "web");
            return d.status().observedGeneration() != null
                    && d.status().observedGeneration() >= changed.metadata().generation()
                    && condition(d, "Progressing").map(c -> "DeploymentPaused".equals(c.reason())).orElse(false);
        });
        // scaling still works while paused
        scale(ns, "web", 3);
        Await.until(WAIT, "the paused deployment to scale", () -> activePods(plane, ns).size() == 3
                && activePods(plane, ns).stream().allMatch(PodConditions::isReady));
        assertEquals(1, replicaSets(plane, ns).size(), "no rollout while paused");
        assertTrue(activePods(plane, ns).stream().allMatch(p -> p.spec().containers().get(0).image()
                .equals("nginx:1")));

        patchSpec(plane, ns, "web", "{\"paused\":false}");
        awaitRolledOut(plane, ns, "web", "nginx:2");
        assertEquals("NewReplicaSetAvailable", condition(plane.client().deployments().get(ns, "web"),
                "Progressing").orElseThrow().reason());
    }

    @Test
    void rollbackReusesTheOldReplicaSetUnderANewRevision() {
        String ns = "d-rollback";
        plane.createNamespace(ns);
        plane.client().deployments().create(DeploymentTestSupport.rolling(ns, "web", 3, IntOrString.of(1),
                IntOrString.of(1), "nginx:1"));
        awaitRolledOut(plane, ns, "web", "nginx:1");
        ReplicaSet v1 = replicaSetWithImage(plane, ns, "nginx:1").orElseThrow();
        setImage(plane, ns, "web", "nginx:2");
        awaitRolledOut(plane, ns, "web", "nginx:2");

        // what kubectl rollout undo does: put the old ReplicaSet's template (without the hash label) back
        setImage(plane, ns, "web", "nginx:1");
        awaitRolledOut(plane, ns, "web", "nginx:1");
        ReplicaSet back = replicaSetWithImage(plane, ns, "nginx:1").orElseThrow();
        assertEquals(v1.metadata().uid(), back.metadata().uid(), "the old ReplicaSet is re-used");
        assertEquals("3", back.metadata().annotations().get("deployment.kubernetes.io/revision"));
        assertEquals("1", back.metadata().annotations().get("deployment.kubernetes.io/revision-history"));
        assertEquals("3", plane.client().deployments().get(ns, "web").metadata().annotations()
                .get("deployment.kubernetes.io/revision"));
        assertEquals(2, replicaSets(plane, ns).size());
        assertEquals(0, replicaSetWithImage(plane, ns, "nginx:2").orElseThrow().spec().replicas());
    }

    @Test
    void oldReplicaSetsBeyondTheHistoryLimitAreDeleted() {
        String ns = "d-history";
        plane.createNamespace(ns);
        Deployment d = DeploymentTestSupport.rolling(ns, "web", 1, IntOrString.of(1), IntOrString.of(0), "nginx:1");
        plane.client().deployments().create(d.withSpec(d.spec().toBuilder().revisionHistoryLimit(1).build()));
        awaitRolledOut(plane, ns, "web", "nginx:1");
        for (int v = 2; v <= 4; v++) {
            setImage(plane, ns, "web", "nginx:" + v);
            awaitRolledOut(plane, ns, "web", "nginx:" + v);
        }
        Await.until(WAIT, "history to be trimmed to one old ReplicaSet", () -> replicaSets(plane, ns).size() == 2);
        assertTrue(replicaSetWithImage(plane, ns, "nginx:3").isPresent(), "the newest old revision is kept");
        assertTrue(replicaSetWithImage(plane, ns, "nginx:4").isPresent());
    }

    @Test
    void noProgressWithinTheDeadlineIsReported() {
        String ns = "d-deadline";
        plane.createNamespace(ns);
        kubelet.setAutoReady(ns, false);
        Deployment d = DeploymentTestSupport.rolling(ns, "web", 2, IntOrString.of(1), IntOrString.of(0), "nginx:1");
        plane.client().deployments().create(d.withSpec(d.spec().toBuilder().progressDeadlineSeconds(2).build()));
        Await.until(WAIT, "ProgressDeadlineExceeded", () -> condition(plane.client().deployments().get(ns, "web"),
                "Progressing").map(c -> "ProgressDeadlineExceeded".equals(c.reason()) && "False".equals(c.status()))
                .orElse(false));
        Deployment stuck = plane.client().deployments().get(ns, "web");
        assertEquals("MinimumReplicasUnavailable", condition(stuck, "Available").orElseThrow().reason());
        kubelet.setAutoReady(ns, true);
        awaitRolledOut(plane, ns, "web", "nginx:1");
        Await.until(WAIT, "Progressing to recover", () -> condition(plane.client().deployments().get(ns, "web"),
                "Progressing").map(c -> "NewReplicaSetAvailable".equals(c.reason())).orElse(false));
        assertNotEquals(0, activePods(plane, ns).size());
    }
}
