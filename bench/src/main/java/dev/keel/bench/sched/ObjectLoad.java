package dev.keel.bench.sched;

import dev.keel.api.client.KubeClient;
import dev.keel.api.core.Container;
import dev.keel.api.core.Node;
import dev.keel.api.core.NodeSpec;
import dev.keel.api.core.NodeStatus;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.ResourceRequirements;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.quantity.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Creates the run's objects through the REST client with at most {@code concurrency} requests in
 * flight: simulated nodes (objects only, no agent: 4 cpu, 32Gi, 110 pods) and pods (one container
 * requesting 100m cpu and 128Mi, no owner), as scheduler_perf's SchedulingBasic does.
 */
final class ObjectLoad {
  private final KubeClient client;
  private final Semaphore inFlight;
  private final AtomicLong errors = new AtomicLong();
  /** Guards {@link #createdPerSecond}. */
  private final Object lock = new Object();
  private final List<Long> createdPerSecond = new ArrayList<>();

  ObjectLoad(KubeClient client, int concurrency) {
    this.client = client;
    this.inFlight = new Semaphore(concurrency);
  }

  static Node node(String name) {
    Map<String, Quantity> alloc = Map.of("cpu", Quantity.parse("4"), "memory",
        Quantity.parse("32Gi"), "pods", Quantity.of(110));
    return Node.of(ObjectMeta.builder().name(name)
            .labels(Map.of("kubernetes.io/hostname", name)).build(), NodeSpec.EMPTY,
        NodeStatus.builder().capacity(alloc).allocatable(alloc).build());
  }

  static Pod pod(String namespace, String name) {
    Container c = Container.builder().name("c").image("registry.k8s.io/pause:3.10")
        .resources(ResourceRequirements.of(Map.of("cpu", Quantity.parse("100m"), "memory",
            Quantity.parse("128Mi")), Map.of())).build();
    return Pod.of(ObjectMeta.of(namespace, name), PodSpec.builder().containers(List.of(c)).build());
  }

  void createNodes(List<String> names) throws InterruptedException {
    run(names.size(), i -> {}, i -> client.nodes().createAsync(node(names.get(i))), 0);
  }

  /** Creates the pods; {@code before} is called with each index just before its request. */
  void createPods(String namespace, int count, IntConsumer before, long startNanos)
      throws InterruptedException {
    run(count, before, i -> client.pods().createAsync(pod(namespace, podName(i))), startNanos);
  }

  static String podName(int i) {
    return "pod-" + i;
  }

  private <T> void run(int count, IntConsumer before, IntFunction<CompletableFuture<T>> create,
      long startNanos) throws InterruptedException {
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      before.accept(i);
      create.apply(i).whenComplete((v, e) -> {
        inFlight.release();
        if (e != null) {
          errors.incrementAndGet();
        } else if (startNanos > 0) {
          countCreated(startNanos);
        }
      });
    }
  }

  /** Waits (bounded) until every request sent has been answered. */
  boolean drain(int concurrency, long timeout, TimeUnit unit) throws InterruptedException {
    if (!inFlight.tryAcquire(concurrency, timeout, unit)) {
      return false;
    }
    inFlight.release(concurrency);
    return true;
  }

  private void countCreated(long startNanos) {
    int second = (int) ((System.nanoTime() - startNanos) / TimeUnit.SECONDS.toNanos(1));
    synchronized (lock) {
      while (createdPerSecond.size() <= second) {
        createdPerSecond.add(0L);
      }
      createdPerSecond.set(second, createdPerSecond.get(second) + 1);
    }
  }

  List<Long> createdPerSecond() {
    synchronized (lock) {
      return List.copyOf(createdPerSecond);
    }
  }

  long errors() {
    return errors.get();
  }
}
