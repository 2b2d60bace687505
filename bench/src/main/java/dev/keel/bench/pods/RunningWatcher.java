package dev.keel.bench.pods;

import dev.keel.api.client.KubeClient;
import dev.keel.api.core.Pod;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Informer;
import dev.keel.api.informer.InformerConfig;
import dev.keel.api.informer.InformerFactory;
import dev.keel.api.kinds.Kinds;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watches the run's namespace (an informer: list, then watch) and notes the first moment each pod
 * is seen with {@code status.phase} Running, and which pods are gone after their deletion.
 * Latency of a pod: that moment minus the moment just before its create request was sent.
 */
final class RunningWatcher implements AutoCloseable {
  private final InformerFactory informers;
  private final Map<String, Long> createStarted = new ConcurrentHashMap<>();
  private final Map<String, Long> runningAt = new ConcurrentHashMap<>();
  private final Set<String> present = ConcurrentHashMap.newKeySet();
  private final CountDownLatch allRunning;

  RunningWatcher(KubeClient client, String namespace, int expected) {
    this.allRunning = new CountDownLatch(expected);
    this.informers = new InformerFactory(client, InformerConfig.defaults().withNamespace(namespace), 1);
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

      @Override
      public void onDelete(Pod last) {
        present.remove(last.metadata().name());
      }
    });
    informers.start();
  }

  boolean awaitSynced(Duration timeout) throws InterruptedException {
    return informers.awaitSynced(timeout);
  }

  /** Call just before sending the create of {@code podName}. */
  void creating(String podName, long nanos) {
    createStarted.put(podName, nanos);
  }

  private void seen(Pod p) {
    String name = p.metadata().name();
    present.add(name);
    if (p.status() == null || !"Running".equals(p.status().phase())) {
      return;
    }
    if (runningAt.putIfAbsent(name, System.nanoTime()) == null) {
      allRunning.countDown();
    }
  }

  boolean awaitAllRunning(long timeout, TimeUnit unit) throws InterruptedException {
    return allRunning.await(timeout, unit);
  }

  long running() {
    return runningAt.size();
  }

  /** Pods still in the watch's view (created and not yet deleted). */
  int present() {
    return present.size();
  }

  /** Create-request start and Running-seen time ({@link System#nanoTime}) of each pod seen Running. */
  Map<String, long[]> timings() {
    Map<String, long[]> out = new ConcurrentHashMap<>();
    runningAt.forEach((name, at) -> {
      Long started = createStarted.get(name);
      if (started != null) {
        out.put(name, new long[] {started, at});
      }
    });
    return out;
  }

  @Override
  public void close() {
    informers.close();
  }
}
