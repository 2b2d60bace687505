package dev.keel.controllers.deployment;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.DeploymentSpec;
import dev.keel.api.apps.DeploymentStrategy;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.apps.RollingUpdateDeployment;
import dev.keel.api.client.ListOptions;
import dev.keel.api.client.PatchType;
import dev.keel.api.core.Container;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.PodTemplateSpec;
import dev.keel.api.meta.IntOrString;
import dev.keel.api.meta.LabelSelector;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.controllers.ControllerContext;
import dev.keel.controllers.replicaset.ReplicaSetController;
import dev.keel.controllers.replicaset.ReplicaSetControllerConfig;
import dev.keel.controllers.testing.Await;
import dev.keel.controllers.testing.ControlPlane;
import dev.keel.controllers.testing.FakeKubelet;
import dev.keel.controllers.util.PodConditions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A control plane with the ReplicaSet and Deployment controllers and a fake kubelet, plus helpers. */
final class DeploymentTestSupport {
    static final Duration WAIT = Duration.ofSeconds(60);

    private DeploymentTestSupport() {
    }

    static ControlPlane start(Path dir) {
        ControlPlane plane = ControlPlane.start(dir);
        try {
            ControllerContext ctx = plane.newContext("kube-controller-manager");
            ReplicaSetController rsc = plane.track(new ReplicaSetController(ctx,
                    ReplicaSetControllerConfig.defaults().withWorkers(2)));
            DeploymentController dc = plane.track(new DeploymentController(ctx,
                    DeploymentControllerConfig.defaults().withWorkers(2)));
            ControlPlane.startInformers(ctx);
            rsc.start();
            dc.start();
            return plane;
        } catch (RuntimeException e) {
            plane.close();
            throw e;
        }
    }

    static FakeKubelet kubelet(ControlPlane plane) {
        return plane.track(new FakeKubelet(plane.client(), Duration.ofMillis(20), Duration.ofMillis(200)).start());
    }

    static PodTemplateSpec template(String app, String image) {
        return PodTemplateSpec.of(ObjectMeta.builder().labels(Map.of("app", app)).build(),
                PodSpec.builder().containers(List.of(Container.of("main", image))).build());
    }

    static Deployment rolling(String ns, String name, int replicas, IntOrString maxSurge,
                              IntOrString maxUnavailable, String image) {
        DeploymentStrategy strategy = new DeploymentStrategy("RollingUpdate",
                new RollingUpdateDeployment(maxUnavailable, maxSurge, Map.of()), Map.of());
        return Deployment.of(ObjectMeta.of(ns, name), DeploymentSpec.builder().replicas(replicas)
                .selector(LabelSelector.matching(Map.of("app", name))).template(template(name, image))
                .strategy(strategy).build());
    }

    static Deployment recreate(String ns, String name, int replicas, String image) {
        return Deployment.of(ObjectMeta.of(ns, name), DeploymentSpec.builder().replicas(replicas)
                .selector(LabelSelector.matching(Map.of("app", name))).template(template(name, image))
                .strategy(new DeploymentStrategy("Recreate", null, Map.of())).build());
    }

    static void setImage(ControlPlane plane, String ns, String name, String image) {
        plane.client().deployments().patch(ns, name, PatchType.STRATEGIC_MERGE,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"" + image
                        + "\"}]}}}}");
    }

    static void patchSpec(ControlPlane plane, String ns, String name, String specJson) {
        plane.client().deployments().patch(ns, name, PatchType.MERGE, "{\"spec\":" + specJson + "}");
    }

    static List<ReplicaSet> replicaSets(ControlPlane plane, String ns) {
        return plane.client().replicaSets().list(ns, ListOptions.all()).items();
    }

    static Optional<ReplicaSet> replicaSetWithImage(ControlPlane plane, String ns, String image) {
        return replicaSets(plane, ns).stream().filter(rs -> image.equals(image(rs.spec().template()))).findFirst();
    }

    static String image(PodTemplateSpec t) {
        return t.spec().containers().get(0).image();
    }

    static List<Pod> activePods(ControlPlane plane, String ns) {
        return plane.client().pods().list(ns, ListOptions.all()).items().stream().filter(PodConditions::isActive)
                .collect(Collectors.toList());
    }

    /**
     * kubectl's rollout-status rule holds, and every pod in the namespace is active, runs {@code image} and is ready.
     */
    static void awaitRolledOut(ControlPlane plane, String ns, String name, String image) {
        Await.until(WAIT, () -> "deployment " + ns + "/" + name + " to roll out " + image + ": "
                + plane.client().deployments().get(ns, name).status(), () -> {
            Deployment d = plane.client().deployments().get(ns, name);
            int replicas = d.spec().replicas();
            var s = d.status();
            if (s.observedGeneration() == null || s.observedGeneration() < d.metadata().generation()
                    || n(s.updatedReplicas()) < replicas || n(s.replicas()) > n(s.updatedReplicas())
                    || n(s.availableReplicas()) < n(s.updatedReplicas())) {
                return false;
            }
            List<Pod> pods = plane.client().pods().list(ns, ListOptions.all()).items();
            return pods.size() == replicas && pods.stream().allMatch(p -> PodConditions.isActive(p)
                    && PodConditions.isReady(p) && image.equals(p.spec().containers().get(0).image()));
        });
    }

    static int n(Integer v) {
        return v == null ? 0 : v;
    }
}
