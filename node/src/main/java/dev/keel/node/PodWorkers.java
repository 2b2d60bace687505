package dev.keel.node;

import dev.keel.api.core.Pod;
import dev.keel.api.informer.EventHandler;
import dev.keel.node.logs.LogLocator;
import dev.keel.node.logs.LogLookup;
import dev.keel.node.probe.ProbeEvent;
import dev.keel.node.runtime.ContainerInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The agent's pod workers, one per pod uid bound to this node, fed by the pod informer (whose field selector is
 * {@code spec.nodeName=<node>}, or the fleet's shared one). Also adopts what the runtime found from before an agent restart: instances of pods
 * still bound here go to their workers; the others (their pod is gone) are stopped and forgotten.
 */
final class PodWorkers implements EventHandler<Pod>, LogLocator {
    private static final Logger LOG = LoggerFactory.getLogger(PodWorkers.class);

    private final WorkerContext ctx;
    private final NodePods cache;
    private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
    /** Instances found at start, by pod uid, waiting for their worker. */
    private final Map<String, List<ContainerInfo>> leftovers = new ConcurrentHashMap<>();
    private volatile boolean halted;

    PodWorkers(WorkerContext ctx, NodePods cache) {
        this.ctx = ctx;
        this.cache = cache;
    }

    /**
     * Sorts the runtime's instances once the informer has synced (before the handler is registered): those of
     * cached pods wait for their worker, the rest are stopped and removed.
     */
    void adopt(List<ContainerInfo> found) {
        Set<String> uids = cache.list().stream().map(p -> p.metadata().uid()).collect(Collectors.toSet());
        ctx.addresses().retainOnly(uids);
        for (ContainerInfo i : found) {
            if (uids.contains(i.key().podUid())) {
                leftovers.computeIfAbsent(i.key().podUid(), k -> new ArrayList<>()).add(i);
                continue;
            }
            if (i.running()) {
                LOG.info("{} ({}) belongs to no pod on this node any more: stopping it", i.key(), i.id());
            }
            ctx.runtime().stop(i.id(), ctx.config().orphanGracePeriod())
                    .whenComplete((x, e) -> ctx.runtime().remove(i.id()));
            try {
                ctx.logs().deletePod(i.key().namespace(), i.key().podName(), i.key().podUid());
            } catch (java.io.IOException e) {
                LOG.warn("cannot delete the logs of {}: {}", i.key(), e.toString());
            }
        }
    }

    @Override
    public void onAdd(Pod p) {
        upsert(p);
    }

    @Override
    public void onUpdate(Pod old, Pod now) {
        if (!Objects.equals(old.metadata().uid(), now.metadata().uid())) {
            gone(old);
        }
        upsert(now);
    }

    @Override
    public void onDelete(Pod last) {
        gone(last);
    }

    /**
     * Stops every pod worker from acting (before the agent stops all containers, so that none is restarted) and
     * waits, up to {@code wait}, for syncs in progress to finish; pods that arrive later get no worker.
     */
    void halt(Duration wait) throws InterruptedException {
        halted = true;
        workers.values().forEach(PodWorker::halt);
        long deadline = System.nanoTime() + wait.toNanos();
        while (workers.values().stream().anyMatch(PodWorker::syncing) && System.nanoTime() < deadline) {
            Thread.sleep(10); // a sync in progress has no completion signal; it is short (no blocking calls)
        }
    }

    /** The worker of the pod with {@code uid}, if it runs here. */
    PodWorker worker(String uid) {
        return workers.get(uid);
    }

    int size() {
        return workers.size();
    }

    /** A probe state change of a container instance of the pod with {@code podUid} (from a probe thread). */
    void probeChanged(String podUid, ProbeEvent e) {
        PodWorker w = workers.get(podUid);
        if (w != null) {
            w.probeChanged(e);
        }
    }

    @Override
    public LogLookup find(String namespace, String pod, String container, boolean previous) {
        return cache.get(namespace, pod).map(p -> workers.get(p.metadata().uid())).map(w -> w.log(container, previous))
                .orElse(new LogLookup.Missing(404, "pod " + namespace + "/" + pod + " is not running on node "
                        + ctx.config().nodeName()));
    }

    private void upsert(Pod p) {
        String uid = p.metadata().uid();
        if (uid == null || halted) {
            return;
        }
        PodWorker w = workers.get(uid);
        if (w == null) {
            List<ContainerInfo> mine = leftovers.remove(uid);
            w = new PodWorker(ctx, p, mine == null ? List.of() : mine, this::finished);
            workers.put(uid, w);
            w.requestSync();
        } else {
            w.update(p);
        }
    }

    private void gone(Pod p) {
        PodWorker w = workers.get(p.metadata().uid());
        if (w != null) {
            w.deleted();
        }
    }

    private void finished(PodWorker w) {
        workers.remove(w.uid, w);
    }
}
