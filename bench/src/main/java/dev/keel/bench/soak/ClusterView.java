package dev.keel.bench.soak;

import dev.keel.api.client.KubeClient;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Informer;
import dev.keel.api.informer.InformerConfig;
import dev.keel.api.informer.InformerFactory;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.Condition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the run watches (informers: list, then watch): the fleet's Nodes (names starting with the
 * fleet's prefix) and the pods of the run's namespace. Counts Ready nodes, bound and Running pods,
 * and notes every moment a fleet node that had been Ready stops being Ready (the node lifecycle
 * controller sets Ready to Unknown when a Lease is not renewed within its grace period) and every
 * Running pod that stops running or disappears.
 */
final class ClusterView implements AutoCloseable {
  /** A fleet node whose Ready condition left True: when, and to what. */
  record NotReady(String node, String status, String reason, long atMillis) {}

  /** A pod that was Running and is not any more (or is gone). */
  record PodLost(String pod, String phase, long atMillis) {}

  private final String nodePrefix;
  private final InformerFactory nodeInformers;
  private final InformerFactory podInformers;
  private final Informer<Node> nodes;
  private final Informer<Pod> pods;
  /** Guards the two lists. */
  private final Object lock = new Object();
  private final List<NotReady> notReady = new ArrayList<>();
  private final List<PodLost> podsLost = new ArrayList<>();

  ClusterView(KubeClient client, String namespace, String nodePrefix) {
    this.nodePrefix = nodePrefix;
    this.nodeInformers = new InformerFactory(client, InformerConfig.defaults(), 1);
    this.podInformers = new InformerFactory(client,
        InformerConfig.defaults().withNamespace(namespace), 1);
    this.nodes = nodeInformers.informer(Kinds.NODES);
    this.pods = podInformers.informer(Kinds.PODS);
    nodes.addEventHandler(new EventHandler<>() {
      @Override
      public void onUpdate(Node old, Node now) {
        String before = ready(old);
        String after = ready(now);
        if (now.metadata().name().startsWith(nodePrefix) && "True".equals(before)
            && !"True".equals(after)) {
          Condition c = readyCondition(now);
          synchronized (lock) {
            notReady.add(new NotReady(now.metadata().name(), after, c == null ? null : c.reason(),
                System.currentTimeMillis()));
          }
        }
      }
    });
    pods.addEventHandler(new EventHandler<>() {
      @Override
      public void onUpdate(Pod old, Pod now) {
        if (running(old) && !running(now)) {
          lost(now, now.status() == null ? null : now.status().phase());
        }
      }

      @Override
      public void onDelete(Pod last) {
        if (running(last)) {
          lost(last, "deleted");
        }
      }
    });
    nodeInformers.start();
    podInformers.start();
  }

  boolean awaitSynced(Duration timeout) throws InterruptedException {
    return nodeInformers.awaitSynced(timeout) && podInformers.awaitSynced(timeout);
  }

  private void lost(Pod p, String phase) {
    synchronized (lock) {
      podsLost.add(new PodLost(p.metadata().name(), phase, System.currentTimeMillis()));
    }
  }

  static boolean running(Pod p) {
    return p.status() != null && "Running".equals(p.status().phase());
  }

  private static Condition readyCondition(Node n) {
    if (n.status() == null || n.status().conditions() == null) {
      return null;
    }
    for (Condition c : n.status().conditions()) {
      if ("Ready".equals(c.type())) {
        return c;
      }
    }
    return null;
  }

  /** The status of the Ready condition ("True", "False", "Unknown"), null if there is none. */
  static String ready(Node n) {
    Condition c = readyCondition(n);
    return c == null ? null : c.status();
  }

  /** Fleet nodes registered, and how many of them are Ready. */
  int[] nodeCounts() {
    int all = 0;
    int ready = 0;
    for (Node n : nodes.cache().list()) {
      if (n.metadata().name().startsWith(nodePrefix)) {
        all++;
        if ("True".equals(ready(n))) {
          ready++;
        }
      }
    }
    return new int[] {all, ready};
  }

  /** Pods of the run: created (seen), bound to a node, Running. */
  int[] podCounts() {
    int all = 0;
    int bound = 0;
    int running = 0;
    for (Pod p : pods.cache().list()) {
      all++;
      if (p.spec() != null && p.spec().nodeName() != null) {
        bound++;
      }
      if (running(p)) {
        running++;
      }
    }
    return new int[] {all, bound, running};
  }

  List<NotReady> notReady() {
    synchronized (lock) {
      return List.copyOf(notReady);
    }
  }

  /** Pods that stopped Running at or after {@code sinceMillis}. */
  List<PodLost> podsLost(long sinceMillis) {
    synchronized (lock) {
      return podsLost.stream().filter(l -> l.atMillis() >= sinceMillis).toList();
    }
  }

  @Override
  public void close() {
    podInformers.close();
    nodeInformers.close();
  }
}
