package dev.keel.bench.soak;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.DeploymentSpec;
import dev.keel.api.client.KubeClient;
import dev.keel.api.core.Container;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.PodTemplateSpec;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.LabelSelector;
import dev.keel.api.meta.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * The run's objects: its namespace and Deployments {@code soak-0 ..} of one pause container each
 * (no resource requests: hollow nodes run them without processes), splitting {@code pods}
 * replicas as evenly as {@code perDeployment} allows.
 */
final class SoakWorkload {
  private final KubeClient client;
  private final String namespace;
  private final int pods;
  private final int perDeployment;

  SoakWorkload(KubeClient client, String namespace, int pods, int perDeployment) {
    if (pods < 1 || perDeployment < 1) {
      throw new IllegalArgumentException("--pods and --pods-per-deployment must be positive");
    }
    this.client = client;
    this.namespace = namespace;
    this.pods = pods;
    this.perDeployment = perDeployment;
  }

  int deployments() {
    return (pods + perDeployment - 1) / perDeployment;
  }

  static String deploymentName(int i) {
    return "soak-" + i;
  }

  /** The label selector of the first Deployment's pods (what the API probe lists). */
  static String firstSelector() {
    return "app=" + deploymentName(0);
  }

  void createNamespace() {
    client.resource(Kinds.NAMESPACES).create(Namespace.of(namespace));
  }

  void createDeployments() {
    int d = deployments();
    for (int i = 0; i < d; i++) {
      int replicas = pods / d + (i < pods % d ? 1 : 0);
      client.deployments().create(deployment(deploymentName(i), replicas));
    }
  }

  private Deployment deployment(String name, int replicas) {
    Container c = Container.builder().name("pause").image("registry.k8s.io/pause:3.10").build();
    PodTemplateSpec template = PodTemplateSpec.of(ObjectMeta.builder().labels(Map.of("app", name)).build(),
        PodSpec.builder().containers(List.of(c)).build());
    return Deployment.of(ObjectMeta.of(namespace, name), DeploymentSpec.builder().replicas(replicas)
        .selector(LabelSelector.matching(Map.of("app", name))).template(template).build());
  }
}
