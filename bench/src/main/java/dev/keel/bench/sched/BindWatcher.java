package dev.keel.bench.sched;

import dev.keel.api.client.KubeClient;
import dev.keel.api.core.Pod;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Informer;
import dev.keel.api.informer.InformerConfig;
import dev.keel.api.informer.InformerFactory;
import dev.keel.api.kinds.Kinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Watches the run's namespace and notes the moment each pod is first seen with a
 * {@code spec.nodeName}: the bound count, the time of the last binding, bindings per second of the
 * run, and the latency from the start of each pod's create request to its binding being seen.
 * Also notes any pod whose node changes after it was bound (must never happen).
 */
final class BindWatcher implements AutoCloseable {
  private final InformerFactory informers;
  private volatile long startNanos;
  private final Map<String, Long> createStarted = new ConcurrentHashMap<>();
  private final Map<String, String> boundTo = new ConcurrentHashMap<>();
  private final AtomicLong lastBoundNanos = new AtomicLong();
  private final AtomicLong moved = new AtomicLong();
  private final CountDownLatch allBound;
  /** Guards {@link #latency} and {@link #perSecond}; taken by the informer's thread and readers. */
  private final Object lock = new Object();
  private final Histogram latency = new Histogram(3);
  private final List<Long> perSecond = new ArrayList<>();

  BindWatcher(KubeClient client, String namespace, int expected) {
    this.allBound = new CountDownLatch(expected);
    // Only bound pods: a pod enters the watch (ADDED) when its binding is written, so each pod costs one event
    // here, not two.
    this.informers = new InformerFactory(client, InformerConfig.defaults().withNamespace(namespace)
        .withSelectors(null, "spec.nodeName!="), 1);
    Informer<Pod> pods = informers.informer(Kinds.PODS);
    pods.addEventHandler(new EventHandler<>() {
      @Override
      public void onAdd(Pod p) {
        seen(p);
      }

      @Override
      public void onUpdate(Pod old, Pod now) {
        seen(now);
      }
    });
    informers.start();
  }

  /** Waits for the informer's first list (bounded). */
  boolean awaitSynced(long seconds) throws InterruptedException {
    return informers.awaitSynced(java.time.Duration.ofSeconds(seconds));
  }

  /** The run starts now ({@link System#nanoTime}): per-second counts are relative to it. */
  void start(long nanos) {
    startNanos = nanos;
  }

  /** Call just before sending the create of {@code podName}. */
  void creating(String podName, long nanos) {
    createStarted.put(podName, nanos);
  }

  private void seen(Pod p) {
    String node = p.spec().nodeName();
    if (node == null || node.isEmpty()) {
      return;
    }
    String name = p.metadata().name();
    String before = boundTo.putIfAbsent(name, node);
    if (before != null) {
      if (!before.equals(node)) {
        moved.incrementAndGet();
      }
      return;
    }
    long now = System.nanoTime();
    lastBoundNanos.accumulateAndGet(now, Math::max);
    Long started = createStarted.get(name);
    synchronized (lock) {
      if (started != null) {
        latency.recordValue(Math.max(0, (now - started) / 1000));
      }
      int second = (int) ((now - startNanos) / TimeUnit.SECONDS.toNanos(1));
      while (perSecond.size() <= second) {
        perSecond.add(0L);
      }
      perSecond.set(second, perSecond.get(second) + 1);
    }
    allBound.countDown();
  }

  boolean awaitAllBound(long timeout, TimeUnit unit) throws InterruptedException {
    return allBound.await(timeout, unit);
  }

  long bound() {
    return boundTo.size();
  }

  long lastBoundNanos() {
    return lastBoundNanos.get();
  }

  long moved() {
    return moved.get();
  }

  /** Pods bound per node. */
  Map<String, Integer> perNode() {
    Map<String, Integer> out = new ConcurrentHashMap<>();
    boundTo.values().forEach(n -> out.merge(n, 1, Integer::sum));
    return out;
  }

  Histogram latencyMicros() {
    synchronized (lock) {
      return latency.copy();
    }
  }

  List<Long> boundPerSecond() {
    synchronized (lock) {
      return List.copyOf(perSecond);
    }
  }

  @Override
  public void close() {
    informers.close();
  }
}
