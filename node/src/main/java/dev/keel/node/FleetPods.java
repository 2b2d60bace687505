package dev.keel.node;

import dev.keel.api.client.KubeClient;
import dev.keel.api.core.Pod;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.ExecutorScheduler;
import dev.keel.api.informer.Informer;
import dev.keel.api.informer.InformerConfig;
import dev.keel.api.workqueue.Ticker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One pod informer for a whole {@link NodeFleet}: a single list and watch of the bound pods
 * ({@code spec.nodeName!=}), indexed by node, whose events go to the handler of the agent the pod is bound to.
 * Without it every agent of a fleet of thousands keeps its own watch ({@code spec.nodeName=<node>}), and the
 * apiserver offers each pod event to every one of those watches.
 *
 * <p>An agent {@link #register}s its handler once its Node exists; the pods already cached for it are replayed as
 * adds. Events and registrations are serialised by one lock, and the cache is updated before its handlers run, so a
 * pod is never replayed at a state older than one already delivered (at worst the same state comes twice, which
 * the pod workers take as a no-op update). A pod whose node changes (never, after binding) is a delete for the old
 * node's agent and an add for the new one's.
 */
final class FleetPods implements AutoCloseable {
    static final String BY_NODE = "spec.nodeName";

    private final Informer<Pod> informer;
    private final Map<String, EventHandler<Pod>> handlers = new ConcurrentHashMap<>();
    /** Serialises event delivery with registration (see the class doc). */
    private final Object lock = new Object();

    FleetPods(KubeClient client, ScheduledExecutorService executor) {
        this.informer = new Informer<>(client.pods(), InformerConfig.defaults().withSelectors(null, "spec.nodeName!="),
                executor, new ExecutorScheduler(executor), Ticker.system());
        informer.addIndexer(BY_NODE, p -> p.spec() == null || p.spec().nodeName() == null ? List.of()
                : List.of(p.spec().nodeName()));
        informer.addEventHandler(new Dispatcher());
    }

    /** Starts the list and watch and waits (at most {@code timeout}) for the first list. */
    boolean start(Duration timeout) throws InterruptedException {
        informer.start();
        return informer.awaitSynced(timeout);
    }

    /** The pods bound to {@code node}. */
    NodePods view(String node) {
        return new NodePods() {
            @Override
            public List<Pod> list() {
                return informer.cache().byIndex(BY_NODE, node);
            }

            @Override
            public Optional<Pod> get(String namespace, String name) {
                return informer.cache().get(namespace, name).filter(p -> node.equals(nodeOf(p)));
            }
        };
    }

    /**
     * Sends the events of {@code node}'s pods to {@code handler} from now on, after replaying those cached as adds.
     * Closing the result stops them.
     */
    AutoCloseable register(String node, EventHandler<Pod> handler) {
        synchronized (lock) {
            if (handlers.putIfAbsent(node, handler) != null) {
                throw new IllegalStateException("node " + node + " has a pod handler already");
            }
            for (Pod p : informer.cache().byIndex(BY_NODE, node)) {
                handler.onAdd(p);
            }
        }
        return () -> handlers.remove(node, handler);
    }

    private static String nodeOf(Pod p) {
        return p.spec() == null ? null : p.spec().nodeName();
    }

    private final class Dispatcher implements EventHandler<Pod> {
        @Override
        public void onAdd(Pod p) {
            synchronized (lock) {
                EventHandler<Pod> h = handler(nodeOf(p));
                if (h != null) {
                    h.onAdd(p);
                }
            }
        }

        @Override
        public void onUpdate(Pod old, Pod now) {
            synchronized (lock) {
                String before = nodeOf(old);
                String after = nodeOf(now);
                if (Objects.equals(before, after)) {
                    EventHandler<Pod> h = handler(after);
                    if (h != null) {
                        h.onUpdate(old, now);
                    }
                    return;
                }
                EventHandler<Pod> gone = handler(before);
                if (gone != null) {
                    gone.onDelete(old);
                }
                EventHandler<Pod> added = handler(after);
                if (added != null) {
                    added.onAdd(now);
                }
            }
        }

        @Override
        public void onDelete(Pod last) {
            synchronized (lock) {
                EventHandler<Pod> h = handler(nodeOf(last));
                if (h != null) {
                    h.onDelete(last);
                }
            }
        }

        private EventHandler<Pod> handler(String node) {
            return node == null ? null : handlers.get(node);
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
