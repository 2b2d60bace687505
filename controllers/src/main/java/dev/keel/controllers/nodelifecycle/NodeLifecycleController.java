package dev.keel.controllers.nodelifecycle;

import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.client.ResourceClient;
import dev.keel.api.coordination.Lease;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.core.Taint;
import dev.keel.api.events.EventRecorder;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Indexers;
import dev.keel.api.informer.Informer;
import dev.keel.api.kinds.Kinds;
import dev.keel.controllers.Controller;
import dev.keel.controllers.ControllerContext;
import dev.keel.controllers.reconcile.ReconcileLoop;
import dev.keel.controllers.reconcile.ReconcileResult;
import dev.keel.controllers.reconcile.SharedIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches node heartbeats and acts when a node goes quiet, as Kubernetes' node lifecycle controller and taint
 * manager do. Per node (the reconcile key is the node name):
 * <ol>
 *   <li>no heartbeat ({@link Heartbeats}) for {@link NodeLifecycleConfig#gracePeriod}: its conditions become
 *       Unknown ({@link NodeConditions}) and its pods' Ready conditions False;</li>
 *   <li>the NoExecute taints follow the Ready condition ({@link NodeTaints}): unreachable for Unknown, not-ready for
 *       False, none for True (the agent, not this controller, sets Ready back to True);</li>
 *   <li>pods on a node with NoExecute taints are deleted once their tolerations run out ({@link TaintEviction});</li>
 *   <li>pods on an unreachable node whose graceful deletion has run past its grace period (the agent will never
 *       confirm it) are force-deleted (grace 0), and so are pods bound to a node that no longer exists.</li>
 * </ol>
 * Every node is enqueued each {@link NodeLifecycleConfig#monitorPeriod}, and again at its next deadline.
 */
public final class NodeLifecycleController implements Controller {
    public static final String NAME = "nodelifecycle";
    static final String LEASE_NAMESPACE = "kube-node-lease";
    private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycleController.class);

    private final NodeLifecycleConfig config;
    private final Clock clock;
    private final EventRecorder events;
    private final Informer<Node> nodes;
    private final Informer<Lease> leases;
    private final Informer<Pod> pods;
    private final ResourceClient<Node> nodeClient;
    private final ResourceClient<Pod> podClient;
    private final Heartbeats heartbeats = new Heartbeats();
    private final TaintFirstSeen taintsSeen = new TaintFirstSeen();
    private final ReconcileLoop loop;
    private final ScheduledExecutorService monitor;

    public NodeLifecycleController(ControllerContext ctx, NodeLifecycleConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = ctx.clock();
        this.events = ctx.events();
        this.nodes = ctx.informers().informer(Kinds.NODES);
        this.leases = ctx.informers().informer(Kinds.LEASES);
        this.pods = ctx.informers().informer(Kinds.PODS);
        this.nodeClient = ctx.client().nodes();
        this.podClient = ctx.client().pods();
        this.loop = new ReconcileLoop(NAME, config.workers(), this::reconcile, ctx.metrics(), System::nanoTime);
        this.monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keel-nodelifecycle-monitor");
            t.setDaemon(true);
            return t;
        });
        SharedIndexes.ensure(pods, Indexers.NODE_NAME, Indexers.nodeName());
        nodes.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(Node n) {
                loop.enqueue(n.metadata().name());
            }

            @Override
            public void onUpdate(Node old, Node now) {
                loop.enqueue(now.metadata().name());
            }

            @Override
            public void onDelete(Node n) {
                loop.enqueue(n.metadata().name());
            }
        });
        leases.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(Lease l) {
                enqueueLease(l);
            }

            @Override
            public void onUpdate(Lease old, Lease now) {
                enqueueLease(now);
            }
        });
        pods.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(Pod p) {
                enqueueIfNodeMissing(p);
            }

            @Override
            public void onUpdate(Pod old, Pod now) {
                enqueueIfNodeMissing(now);
            }
        });
    }

    private void enqueueLease(Lease l) {
        if (LEASE_NAMESPACE.equals(l.metadata().namespace())) {
            loop.enqueue(l.metadata().name());
        }
    }

    private void enqueueIfNodeMissing(Pod p) {
        String node = p.spec().nodeName();
        if (node != null && !node.isEmpty() && nodes.cache().get(node).isEmpty()) {
            loop.enqueue(node);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() {
        loop.start();
        long every = config.monitorPeriod().toMillis();
        monitor.scheduleWithFixedDelay(this::enqueueAll, every, every, TimeUnit.MILLISECONDS);
    }

    private void enqueueAll() {
        try {
            nodes.cache().keys().forEach(loop::enqueue);
        } catch (RuntimeException e) {
            LOG.error("node monitor pass failed", e);
        }
    }

    ReconcileResult reconcile(String name) {
        Optional<Node> cached = nodes.cache().get(name);
        if (cached.isEmpty()) {
            return podsOfMissingNode(name);
        }
        Instant now = clock.instant();
        Node node = cached.get();
        Instant heardAt = heartbeats.observe(node, leases.cache().get(LEASE_NAMESPACE, name), now);
        Instant staleAt = heardAt.plus(config.gracePeriod());
        if (!now.isBefore(staleAt) && !NodeConditions.allUnknown(node)) {
            node = markUnknown(node, now);
        }
        String ready = NodeConditions.readyStatus(node);
        node = syncTaints(node, ready, now);
        List<Pod> onNode = pods.cache().byIndex(Indexers.NODE_NAME, name);
        Deadline next = new Deadline(now);
        if (now.isBefore(staleAt)) {
            next.at(staleAt);
        }
        if ("Unknown".equals(ready)) {
            markPodsNotReady(onNode, now);
            forceDeleteExpired(onNode, now, next);
        }
        evict(node, onNode, now, next);
        return next.result();
    }

    private Node markUnknown(Node node, Instant now) {
        Node next = node.withStatus(node.status().withConditions(NodeConditions.markedUnknown(node, now)));
        Node written = nodeClient.updateStatus(next);
        LOG.info("node {} stopped posting status for {}: conditions Unknown", node.metadata().name(),
                config.gracePeriod());
        events.normal(written, "NodeNotReady", "Node " + node.metadata().name() + " status is now: NodeNotReady");
        return written;
    }

    private Node syncTaints(Node node, String ready, Instant now) {
        List<Taint> desired = NodeTaints.desired(node.spec().taints(), ready, now);
        if (desired.equals(node.spec().taints())) {
            return node;
        }
        Node written = nodeClient.update(node.withSpec(node.spec().withTaints(desired)));
        LOG.info("node {} (Ready={}) taints now {}", node.metadata().name(), ready,
                desired.stream().map(t -> t.key() + ":" + t.effect()).toList());
        return written;
    }

    private void markPodsNotReady(List<Pod> onNode, Instant now) {
        for (Pod p : onNode) {
            if (p.metadata().deletionTimestamp() != null) {
                continue;
            }
            var conditions = p.status().conditions();
            if (conditions.stream().noneMatch(c -> "Ready".equals(c.type()) && c.isTrue())) {
                continue;
            }
            var changed = conditions.stream().map(c -> "Ready".equals(c.type())
                    ? new dev.keel.api.meta.Condition(c.type(), "False", c.lastProbeTime(), c.lastHeartbeatTime(),
                    c.lastUpdateTime(), now, "NodeNotReady", "the node of this pod stopped posting status",
                    c.unknownFields()) : c).toList();
            try {
                podClient.updateStatus(p.withStatus(p.status().toBuilder().conditions(changed).build()));
            } catch (NotFoundException gone) {
                // deleted meanwhile
            }
        }
    }

    private void forceDeleteExpired(List<Pod> onNode, Instant now, Deadline next) {
        for (Pod p : onNode) {
            Instant graceEnds = p.metadata().deletionTimestamp();
            if (graceEnds == null) {
                continue;
            }
            if (now.isBefore(graceEnds)) {
                next.at(graceEnds);
                continue;
            }
            forceDelete(p, "its node " + p.spec().nodeName() + " is unreachable and its grace period is over");
        }
    }

    private void evict(Node node, List<Pod> onNode, Instant now, Deadline next) {
        List<Taint> taints = node.spec().taints();
        String nodeName = node.metadata().name();
        if (taints.stream().noneMatch(t -> NodeTaints.NO_EXECUTE.equals(t.effect()))) {
            taintsSeen.forget(nodeName);
            return;
        }
        for (Pod p : onNode) {
            if (p.metadata().deletionTimestamp() != null) {
                continue;
            }
            Optional<Instant> at = TaintEviction.deadline(p, taints, config.podEvictionTimeout(),
                    t -> taintsSeen.firstSeen(nodeName, t, now));
            if (at.isEmpty()) {
                continue;
            }
            if (now.isBefore(at.get())) {
                next.at(at.get());
                continue;
            }
            try {
                podClient.delete(p.metadata().namespace(), p.metadata().name(),
                        DeleteOptions.defaults().withPreconditions(p.metadata().uid(), null));
                LOG.info("evicted pod {} from node {} (NoExecute taints {})", p.metadata().key(), nodeName,
                        taints.stream().filter(t -> NodeTaints.NO_EXECUTE.equals(t.effect())).map(Taint::key).toList());
                events.normal(p, "TaintManagerEviction", "Marking for deletion Pod " + p.metadata().key());
            } catch (NotFoundException gone) {
                // deleted meanwhile
            }
        }
    }

    /** Pods bound to a node that is not in the cache: force-deleted once the apiserver confirms it is gone. */
    private ReconcileResult podsOfMissingNode(String name) {
        heartbeats.forget(name);
        taintsSeen.forget(name);
        List<Pod> orphans = pods.cache().byIndex(Indexers.NODE_NAME, name);
        if (orphans.isEmpty()) {
            return ReconcileResult.done();
        }
        try {
            nodeClient.get(null, name);
            return ReconcileResult.requeueAfter(config.monitorPeriod()); // the cache is behind
        } catch (NotFoundException e) {
            orphans.forEach(p -> forceDelete(p, "its node " + name + " does not exist"));
            return ReconcileResult.done();
        }
    }

    private void forceDelete(Pod p, String why) {
        try {
            podClient.delete(p.metadata().namespace(), p.metadata().name(),
                    DeleteOptions.defaults().withGracePeriodSeconds(0L).withPreconditions(p.metadata().uid(), null));
            LOG.info("force-deleted pod {}: {}", p.metadata().key(), why);
        } catch (NotFoundException gone) {
            // deleted meanwhile
        }
    }

    @Override
    public void close() {
        monitor.shutdownNow();
        loop.close();
        try {
            monitor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The earliest future instant a node needs another look. */
    private static final class Deadline {
        private final Instant now;
        private Instant earliest;

        Deadline(Instant now) {
            this.now = now;
        }

        void at(Instant t) {
            if (earliest == null || t.isBefore(earliest)) {
                earliest = t;
            }
        }

        ReconcileResult result() {
            if (earliest == null) {
                return ReconcileResult.done();
            }
            Duration d = Duration.between(now, earliest).plusMillis(10);
            return ReconcileResult.requeueAfter(d.isNegative() ? Duration.ZERO : d);
        }
    }
}
