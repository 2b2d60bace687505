package dev.keel.controllers.deployment;

import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.DeploymentStatus;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.client.ResourceClient;
import dev.keel.api.core.Pod;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Indexers;
import dev.keel.api.informer.Informer;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.OwnerReference;
import dev.keel.api.selector.Selector;
import dev.keel.api.selector.SelectorException;
import dev.keel.api.workqueue.Ticker;
import dev.keel.controllers.Controller;
import dev.keel.controllers.ControllerContext;
import dev.keel.controllers.util.ControllerRefClaimer;
import dev.keel.controllers.util.ReconcileWorkers;
import dev.keel.controllers.util.OwnerLookup;
import dev.keel.controllers.util.Reconciler;
import dev.keel.controllers.reconcile.SharedIndexes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rolls Deployments out through ReplicaSets (Kubernetes' deployment controller). Informer events on Deployments,
 * their ReplicaSets and (for Recreate) their pods enqueue the Deployment's key; a sync claims the ReplicaSets that
 * match the selector (adopting orphans, releasing those that stopped matching) and runs {@link DeploymentSync}:
 * <ul>
 *   <li>the new ReplicaSet is the one whose template equals the Deployment's (ignoring {@code pod-template-hash});
 *       if none, one named {@code <deployment>-<hash>} is created, carrying the hash label in its selector,
 *       template and pods. Each new ReplicaSet gets revision max(old)+1 ({@code deployment.kubernetes.io/revision},
 *       copied to the Deployment), so re-applying an older template (rollback) re-uses that ReplicaSet under a new
 *       revision;</li>
 *   <li>RollingUpdate scales the new ReplicaSet up within replicas+maxSurge and old ones down while
 *       replicas-maxUnavailable stay available; Recreate scales old ones to zero, waits for their pods to be gone,
 *       then scales the new one up; a paused Deployment or a replica change only scales (proportionally);</li>
 *   <li>old ReplicaSets beyond revisionHistoryLimit are deleted once scaled down and the rollout is complete;</li>
 *   <li>status counts and the Progressing/Available conditions are written through the status subresource, with
 *       ProgressDeadlineExceeded after progressDeadlineSeconds without progress.</li>
 * </ul>
 */
public final class DeploymentController implements Controller {
    public static final String NAME = "deployment";

    private final ControllerContext ctx;
    private final Informer<Deployment> deployments;
    private final Informer<ReplicaSet> replicaSets;
    private final Informer<Pod> pods;
    private final ResourceClient<Deployment> deploymentClient;
    private final ControllerRefClaimer<ReplicaSet> claimer;
    private final ReconcileWorkers workers;
    private final SyncTools tools;

    public DeploymentController(ControllerContext ctx, DeploymentControllerConfig config) {
        this.ctx = ctx;
        this.deployments = ctx.informers().informer(Kinds.DEPLOYMENTS);
        this.replicaSets = ctx.informers().informer(Kinds.REPLICA_SETS);
        this.pods = ctx.informers().informer(Kinds.PODS);
        SharedIndexes.ensure(deployments, Indexers.NAMESPACE, Indexers.namespace());
        SharedIndexes.ensure(replicaSets, Indexers.NAMESPACE, Indexers.namespace());
        SharedIndexes.ensure(pods, Indexers.NAMESPACE, Indexers.namespace());
        this.deploymentClient = ctx.client().deployments();
        this.claimer = new ControllerRefClaimer<>(ctx.client().replicaSets(), ctx.client().codec().jsonMapper());
        this.workers = new ReconcileWorkers(NAME, config.workers(), 15, Duration.ofSeconds(60), Ticker.system(),
                this::sync, ctx.metrics());
        this.tools = new SyncTools(ctx.client().replicaSets(), deploymentClient, ctx.events(),
                ctx.client().codec().jsonMapper(), ctx.clock(), workers::addAfter);
        deployments.addEventHandler(new DeploymentEvents());
        replicaSets.addEventHandler(new ReplicaSetEvents());
        pods.addEventHandler(new PodEvents());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() {
        workers.start();
    }

    @Override
    public void close() {
        workers.close();
    }

    void sync(String key) {
        Optional<Deployment> cached = deployments.cache().get(key);
        if (cached.isEmpty()) {
            return;
        }
        Deployment d = cached.get();
        Selector selector;
        try {
            selector = Selector.of(d.spec().selector());
        } catch (SelectorException e) {
            throw new Reconciler.PermanentError("Deployment " + key + " has an invalid selector: " + e.getMessage());
        }
        if (selector.isEmpty()) {
            ctx.events().warning(d, "SelectingAll",
                    "This deployment is selecting all pods. A non-empty selector is required.");
            long generation = DeploymentStatuses.generation(d);
            if (!Objects.equals(d.status().observedGeneration(), generation)) {
                DeploymentStatus s = d.status().toBuilder().observedGeneration(generation).build();
                deploymentClient.updateStatus(d.withStatus(s));
            }
            return;
        }
        String ns = d.metadata().namespace();
        List<ReplicaSet> owned = claimer.claim(d, selector, replicaSets.cache().byIndex(Indexers.NAMESPACE, ns),
                () -> fresh(d));
        new DeploymentSync(tools, d, owned, podsByReplicaSet(ns, selector, owned)).run();
    }

    private KubeObject fresh(Deployment d) {
        try {
            return deploymentClient.get(d.metadata().namespace(), d.metadata().name());
        } catch (NotFoundException e) {
            return null;
        }
    }

    private Map<String, List<Pod>> podsByReplicaSet(String ns, Selector selector, List<ReplicaSet> owned) {
        Set<String> uids = new HashSet<>();
        owned.forEach(rs -> uids.add(rs.metadata().uid()));
        Map<String, List<Pod>> out = new HashMap<>();
        for (Pod p : pods.cache().byIndex(Indexers.NAMESPACE, ns)) {
            if (!selector.matches(p.metadata().labels())) {
                continue;
            }
            p.metadata().controllerRef().map(OwnerReference::uid).filter(uids::contains)
                    .ifPresent(uid -> out.computeIfAbsent(uid, k -> new ArrayList<>()).add(p));
        }
        return out;
    }

    // ---- event handlers ----

    private void enqueue(KubeObject o) {
        workers.add(o.metadata().key());
    }

    private Optional<Deployment> resolve(String namespace, OwnerReference ref) {
        return OwnerLookup.owner(deployments.cache(), Deployment.GVK.kind(), namespace, ref);
    }

    /** The Deployments whose selector matches an orphan. */
    private List<Deployment> matching(ReplicaSet rs) {
        return OwnerLookup.selecting(deployments.cache(), o -> o.spec().selector(), rs.metadata().namespace(),
                rs.metadata().labels());
    }

    private final class DeploymentEvents implements EventHandler<Deployment> {
        @Override
        public void onAdd(Deployment d) {
            enqueue(d);
        }

        @Override
        public void onUpdate(Deployment old, Deployment now) {
            enqueue(now);
        }

        @Override
        public void onDelete(Deployment d) {
            enqueue(d);
        }
    }

    private final class ReplicaSetEvents implements EventHandler<ReplicaSet> {
        @Override
        public void onAdd(ReplicaSet rs) {
            if (rs.metadata().deletionTimestamp() != null) {
                onDelete(rs);
                return;
            }
            Optional<OwnerReference> ref = rs.metadata().controllerRef();
            if (ref.isPresent()) {
                resolve(rs.metadata().namespace(), ref.get()).ifPresent(DeploymentController.this::enqueue);
                return;
            }
            matching(rs).forEach(DeploymentController.this::enqueue);
        }

        @Override
        public void onUpdate(ReplicaSet old, ReplicaSet now) {
            if (Objects.equals(old.metadata().resourceVersion(), now.metadata().resourceVersion())) {
                return;
            }
            Optional<OwnerReference> oldRef = old.metadata().controllerRef();
            Optional<OwnerReference> nowRef = now.metadata().controllerRef();
            boolean refChanged = !Objects.equals(oldRef.map(OwnerReference::uid), nowRef.map(OwnerReference::uid));
            if (refChanged && oldRef.isPresent()) {
                resolve(old.metadata().namespace(), oldRef.get()).ifPresent(DeploymentController.this::enqueue);
            }
            if (nowRef.isPresent()) {
                resolve(now.metadata().namespace(), nowRef.get()).ifPresent(DeploymentController.this::enqueue);
                return;
            }
            if (refChanged || !old.metadata().labels().equals(now.metadata().labels())) {
                matching(now).forEach(DeploymentController.this::enqueue);
            }
        }

        @Override
        public void onDelete(ReplicaSet rs) {
            rs.metadata().controllerRef().flatMap(ref -> resolve(rs.metadata().namespace(), ref))
                    .ifPresent(DeploymentController.this::enqueue);
        }
    }

    /** Recreate waits for the old pods to be gone: their deletion is what lets it continue. */
    private final class PodEvents implements EventHandler<Pod> {
        @Override
        public void onDelete(Pod pod) {
            Optional<OwnerReference> ref = pod.metadata().controllerRef();
            if (ref.isEmpty() || !ReplicaSet.GVK.kind().equals(ref.get().kind())) {
                return;
            }
            replicaSets.cache().get(pod.metadata().namespace(), ref.get().name())
                    .filter(rs -> rs.metadata().uid().equals(ref.get().uid()))
                    .flatMap(rs -> rs.metadata().controllerRef())
                    .flatMap(dref -> resolve(pod.metadata().namespace(), dref))
                    .filter(d -> !Fenceposts.isRollingUpdate(d))
                    .ifPresent(DeploymentController.this::enqueue);
        }
    }
}
