package dev.keel.controllers.replicaset;

import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.apps.ReplicaSetSpec;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.ListOptions;
import dev.keel.api.client.PatchType;
import dev.keel.api.core.Container;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.PodTemplateSpec;
import dev.keel.api.meta.LabelSelector;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.meta.OwnerReference;
import dev.keel.controllers.ControllerContext;
import dev.keel.controllers.testing.Await;
import dev.keel.controllers.testing.ControlPlane;
import dev.keel.controllers.testing.FakeKubelet;
import dev.keel.controllers.testing.Scaling;
import dev.keel.controllers.util.PodConditions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ReplicaSet controller against a real store + apiserver, with a fake kubelet binding and readying pods. */
class ReplicaSetControllerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static ControlPlane plane;
    static FakeKubelet kubelet;

    @BeforeAll
    static void start() {
        plane = ControlPlane.start(dir);
        ControllerContext ctx = plane.newContext("replicaset-controller");
        ReplicaSetController rsc = plane.track(new ReplicaSetController(ctx,
                ReplicaSetControllerConfig.defaults().withWorkers(2)));
        ControlPlane.startInformers(ctx);
        rsc.start();
        kubelet = plane.track(new FakeKubelet(plane.client(), Duration.ofMillis(10), Duration.ofMillis(100)).start());
    }

    @AfterAll
    static void stop() {
        if (plane != null) {
            plane.close();
        }
    }

    static ReplicaSet replicaSet(String ns, String name, int replicas, Map<String, String> labels) {
        PodTemplateSpec template = PodTemplateSpec.of(ObjectMeta.builder().labels(labels).build(),
                PodSpec.builder().containers(List.of(Container.of("main", "busybox"))).build());
        return ReplicaSet.of(ObjectMeta.of(ns, name),
                new ReplicaSetSpec(replicas, null, LabelSelector.matching(labels), template, Map.of()));
    }

    static List<Pod> activePods(ControlPlane plane, String ns) {
        return plane.client().pods().list(ns, ListOptions.all()).items().stream().filter(PodConditions::isActive)
                .collect(Collectors.toList());
    }

    static List<Pod> ownedActivePods(ControlPlane plane, String ns, String uid) {
        return activePods(plane, ns).stream().filter(p -> p.metadata().controllerRef()
                .map(r -> r.uid().equals(uid)).orElse(false)).collect(Collectors.toList());
    }

    static void awaitConverged(ControlPlane plane, String ns, String name, int replicas) {
        Await.until(WAIT, () -> ns + "/" + name + " to have " + replicas + " ready pods, has "
                + plane.client().replicaSets().get(ns, name).status(), () -> {
            ReplicaSet rs = plane.client().replicaSets().get(ns, name);
            return ownedActivePods(plane, ns, rs.metadata().uid()).size() == replicas
                    && Objects.equals(rs.status().replicas(), replicas)
                    && Objects.equals(rs.status().readyReplicas(), replicas)
                    && Objects.equals(rs.status().availableReplicas(), replicas)
                    && Objects.equals(rs.status().observedGeneration(), rs.metadata().generation());
        });
    }

    static void scale(String ns, String name, int replicas) {
        Scaling.scale(plane.client().replicaSets(), ns, name, replicas);
    }

    @Test
    void scalesUpAndDownWithOwnedPodsFromTheTemplate() {
        String ns = "rs-scale";
        plane.createNamespace(ns);
        ReplicaSet rs = plane.client().replicaSets().create(replicaSet(ns, "web", 3, Map.of("app", "web")));
        awaitConverged(plane, ns, "web", 3);
        for (Pod p : ownedActivePods(plane, ns, rs.metadata().uid())) {
            assertTrue(p.metadata().name().startsWith("web-"), p.metadata().name());
            assertEquals("web", p.metadata().labels().get("app"));
            OwnerReference ref = p.metadata().controllerRef().orElseThrow();
            assertEquals("ReplicaSet", ref.kind());
            assertEquals("web", ref.name());
            assertEquals(Boolean.TRUE, ref.blockOwnerDeletion());
        }
        ReplicaSet seen = plane.client().replicaSets().get(ns, "web");
        assertEquals(3, seen.status().fullyLabeledReplicas());

        scale(ns, "web", 6);
        awaitConverged(plane, ns, "web", 6);
        scale(ns, "web", 1);
        awaitConverged(plane, ns, "web", 1);
        scale(ns, "web", 0);
        awaitConverged(plane, ns, "web", 0);
    }

    @Test
    void podsDeletedByHandAreReplaced() {
        String ns = "rs-replace";
        plane.createNamespace(ns);
        ReplicaSet rs = plane.client().replicaSets().create(replicaSet(ns, "web", 3, Map.of("app", "web")));
        awaitConverged(plane, ns, "web", 3);
        List<Pod> before = ownedActivePods(plane, ns, rs.metadata().uid());
        for (Pod p : before.subList(0, 2)) {
            plane.client().pods().delete(ns, p.metadata().name(), DeleteOptions.defaults());
        }
        Set<String> oldNames = before.stream().map(p -> p.metadata().name()).collect(Collectors.toSet());
        Await.until(WAIT, "two replacement pods", () -> ownedActivePods(plane, ns, rs.metadata().uid()).stream()
                .filter(p -> !oldNames.contains(p.metadata().name())).count() == 2);
        awaitConverged(plane, ns, "web", 3);
    }

    @Test
    void adoptsMatchingOrphansAndReleasesPodsThatStopMatching() {
        String ns = "rs-adopt";
        plane.createNamespace(ns);
        Pod orphan = plane.client().pods().create(Pod.of(ObjectMeta.builder().namespace(ns).name("orphan")
                        .labels(Map.of("app", "web")).build(),
                PodSpec.builder().containers(List.of(Container.of("main", "busybox"))).build()));
        Pod stranger = plane.client().pods().create(Pod.of(ObjectMeta.builder().namespace(ns).name("stranger")
                        .labels(Map.of("app", "other")).build(),
                PodSpec.builder().containers(List.of(Container.of("main", "busybox"))).build()));
        ReplicaSet rs = plane.client().replicaSets().create(replicaSet(ns, "web", 2, Map.of("app", "web")));
        awaitConverged(plane, ns, "web", 2);
        Pod adopted = plane.client().pods().get(ns, "orphan");
        OwnerReference ref = adopted.metadata().controllerRef().orElseThrow();
        assertEquals(rs.metadata().uid(), ref.uid());
        assertEquals(Boolean.TRUE, ref.blockOwnerDeletion());
        assertTrue(plane.client().pods().get(ns, "stranger").metadata().controllerRef().isEmpty());
        assertEquals(stranger.metadata().uid(), plane.client().pods().get(ns, "stranger").metadata().uid());
        assertEquals(orphan.metadata().uid(), adopted.metadata().uid(), "adopted, not replaced");

        plane.client().pods().patch(ns, "orphan", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"app\":\"gone\"}}}");
        Await.until(WAIT, "the pod that stopped matching to be released",
                () -> plane.client().pods().get(ns, "orphan").metadata().controllerRef().isEmpty());
        awaitConverged(plane, ns, "web", 2);
        assertTrue(PodConditions.isActive(plane.client().pods().get(ns, "orphan")), "a released pod is kept");
        assertFalse(ownedActivePods(plane, ns, rs.metadata().uid()).stream()
                .anyMatch(p -> p.metadata().name().equals("orphan")));
    }

    @Test
    void podsCountAsAvailableOnlyAfterMinReadySeconds() {
        String ns = "rs-minready";
        plane.createNamespace(ns);
        ReplicaSet draft = replicaSet(ns, "web", 2, Map.of("app", "web"));
        draft = draft.withSpec(new ReplicaSetSpec(2, 3, draft.spec().selector(), draft.spec().template(), Map.of()));
        plane.client().replicaSets().create(draft);
        AtomicReference<Instant> seen = new AtomicReference<>();
        Await.until(WAIT, "two available pods", () -> {
            boolean available = Objects.equals(plane.client().replicaSets().get(ns, "web").status()
                    .availableReplicas(), 2);
            if (available) {
                seen.set(Instant.now());
            }
            return available;
        });
        // the controller's clock is ours: it may not call a pod available before it was ready for 3 s
        Instant lastReady = activePods(plane, ns).stream()
                .map(p -> PodConditions.ready(p).orElseThrow().lastTransitionTime())
                .max(Comparator.naturalOrder()).orElseThrow();
        assertFalse(seen.get().isBefore(lastReady.plusSeconds(3).minusMillis(1000)),
                "available at " + seen.get() + ", last pod ready at " + lastReady);
        awaitConverged(plane, ns, "web", 2);
    }
}
