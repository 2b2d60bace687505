package dev.keel.controllers.replicaset;

import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.apps.ReplicaSetStatus;
import dev.keel.api.client.ApiException;
import dev.keel.api.client.ConflictException;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.client.ResourceClient;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodTemplateSpec;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Indexers;
import dev.keel.api.informer.Informer;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.meta.OwnerReference;
import dev.keel.api.selector.Selector;
import dev.keel.api.selector.SelectorException;
import dev.keel.api.workqueue.Ticker;
import dev.keel.controllers.Controller;
import dev.keel.controllers.ControllerContext;
import dev.keel.controllers.util.ControllerRefClaimer;
import dev.keel.controllers.util.Expectations;
import dev.keel.controllers.util.PodConditions;
import dev.keel.controllers.util.ReconcileWorkers;
import dev.keel.controllers.util.OwnerLookup;
import dev.keel.controllers.util.Reconciler;
import dev.keel.controllers.reconcile.SharedIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * Keeps {@code spec.replicas} pods of each ReplicaSet (Kubernetes' ReplicaSet controller). Level-triggered: informer
 * events only enqueue the ReplicaSet's key; a sync reads the caches and
 * <ol>
 *   <li>claims pods: keeps the active pods it controls that match its selector, adopts matching orphans and
 *       releases owned pods that stopped matching ({@link ControllerRefClaimer});</li>
 *   <li>if its {@link Expectations} are satisfied (the cache shows its last creates and deletes), creates the
 *       missing pods from the template (generateName {@code <rs>-}, a controller reference) in slow-start batches
 *       1, 2, 4, ..., or deletes the surplus in {@link PodDeletionRanking} order;</li>
 *   <li>writes the status through the status subresource when it changed.</li>
 * </ol>
 * Terminating and finished pods do not count toward replicas; a pod seen terminating fulfils a deletion
 * expectation.
 */
public final class ReplicaSetController implements Controller {
    public static final String NAME = "replicaset";
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSetController.class);

    private final ControllerContext ctx;
    private final ReplicaSetControllerConfig config;
    private final Informer<ReplicaSet> replicaSets;
    private final Informer<Pod> pods;
    private final ResourceClient<ReplicaSet> rsClient;
    private final ResourceClient<Pod> podClient;
    private final ControllerRefClaimer<Pod> claimer;
    private final Expectations expectations;
    private final ReconcileWorkers workers;

    public ReplicaSetController(ControllerContext ctx, ReplicaSetControllerConfig config) {
        this.ctx = ctx;
        this.config = config;
        this.replicaSets = ctx.informers().informer(Kinds.REPLICA_SETS);
        this.pods = ctx.informers().informer(Kinds.PODS);
        SharedIndexes.ensure(pods, Indexers.NAMESPACE, Indexers.namespace());
        SharedIndexes.ensure(replicaSets, Indexers.NAMESPACE, Indexers.namespace());
        this.rsClient = ctx.client().replicaSets();
        this.podClient = ctx.client().pods();
        this.claimer = new ControllerRefClaimer<>(podClient, ctx.client().codec().jsonMapper());
        this.expectations = new Expectations(Ticker.system(), config.expectationsTtl());
        this.workers = new ReconcileWorkers(NAME, config.workers(), 15, Duration.ofSeconds(60), Ticker.system(),
                this::sync, ctx.metrics());
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

    /** The expectations (for tests and debugging). */
    Expectations expectations() {
        return expectations;
    }

    // ---- sync ----

    void sync(String key) throws Exception {
        Optional<ReplicaSet> cached = replicaSets.cache().get(key);
        if (cached.isEmpty()) {
            expectations.forget(key);
            return;
        }
        ReplicaSet rs = cached.get();
        boolean needsSync = expectations.satisfied(key);
        Selector selector;
        try {
            selector = Selector.of(rs.spec().selector());
        } catch (SelectorException e) {
            throw new Reconciler.PermanentError("ReplicaSet " + key + " has an invalid selector: " + e.getMessage());
        }
        if (selector.isEmpty()) {
            throw new Reconciler.PermanentError("ReplicaSet " + key + " has an empty selector; it would select "
                    + "every pod");
        }
        List<Pod> active = pods.cache().byIndex(Indexers.NAMESPACE, rs.metadata().namespace()).stream()
                .filter(PodConditions::isActive).collect(Collectors.toList());
        List<Pod> owned = claimer.claim(rs, selector, active, () -> freshReplicaSet(rs));

        Exception manageError = null;
        int diff = owned.size() - replicas(rs);
        if (needsSync && rs.metadata().deletionTimestamp() == null) {
            try {
                manageReplicas(key, rs, owned, diff);
            } catch (Exception e) {
                manageError = e;
            }
        }
        ReplicaSetStatus status = ReplicaSetStatusCalculator.calculate(rs, owned, manageError, diff < 0,
                ctx.clock().instant());
        if (ReplicaSetStatusCalculator.changed(rs, status)) {
            writeStatus(rs, status);
        }
        int minReady = minReadySeconds(rs);
        if (manageError == null && minReady > 0 && status.readyReplicas() == replicas(rs)
                && status.availableReplicas() != replicas(rs)) {
            workers.addAfter(key, Duration.ofSeconds(minReady));
        }
        if (manageError != null) {
            throw manageError;
        }
    }

    /**
     * Writes {@code status} with the cached resourceVersion; on a conflict (typically our own previous status write
     * not yet in the cache) it re-reads the ReplicaSet once and retries if its spec generation is unchanged, so
     * observedGeneration never claims a spec this sync did not act on.
     */
    private void writeStatus(ReplicaSet rs, ReplicaSetStatus status) {
        try {
            rsClient.updateStatus(rs.withStatus(status));
        } catch (ConflictException e) {
            ReplicaSet fresh = rsClient.get(rs.metadata().namespace(), rs.metadata().name());
            if (!Objects.equals(fresh.metadata().generation(), rs.metadata().generation())
                    || !Objects.equals(fresh.metadata().uid(), rs.metadata().uid())) {
                throw e;
            }
            if (ReplicaSetStatusCalculator.changed(fresh, status)) {
                rsClient.updateStatus(fresh.withStatus(status));
            }
        }
    }

    private KubeObject freshReplicaSet(ReplicaSet rs) {
        try {
            return rsClient.get(rs.metadata().namespace(), rs.metadata().name());
        } catch (NotFoundException e) {
            return null;
        }
    }

    private void manageReplicas(String key, ReplicaSet rs, List<Pod> owned, int diff) {
        if (diff < 0) {
            int n = Math.min(-diff, config.burstReplicas());
            expectations.expectCreations(key, n);
            LOG.debug("too few replicas for {}: need {}, creating {}", key, replicas(rs), n);
            createPods(key, rs, n);
        } else if (diff > 0) {
            int n = Math.min(diff, config.burstReplicas());
            List<Pod> ranked = new ArrayList<>(owned);
            ranked.sort(PodDeletionRanking.of(owned));
            List<Pod> victims = ranked.subList(0, n);
            Set<String> keys = victims.stream().map(p -> p.metadata().key()).collect(Collectors.toSet());
            expectations.expectDeletions(key, keys);
            LOG.debug("too many replicas for {}: need {}, deleting {}", key, replicas(rs), n);
            deletePods(key, rs, victims);
        }
    }

    /**
     * Creates {@code n} pods in batches of 1, 2, 4, ... (Kubernetes' slowStartBatch): a failing batch stops the
     * rest, so a quota or admission problem costs one request rather than n. Creations that fail or are skipped
     * lower the expectations at once.
     */
    private void createPods(String key, ReplicaSet rs, int n) {
        int remaining = n;
        int batch = 1;
        ApiException firstError = null;
        while (remaining > 0 && firstError == null) {
            int size = Math.min(batch, remaining);
            List<CompletableFuture<Pod>> calls = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                calls.add(podClient.createAsync(podFromTemplate(rs)));
            }
            for (CompletableFuture<Pod> call : calls) {
                try {
                    Pod created = call.join();
                    ctx.events().normal(rs, "SuccessfulCreate", "Created pod: " + created.metadata().name());
                } catch (CompletionException e) {
                    expectations.creationObserved(key);
                    ApiException err = apiError(e);
                    if (firstError == null) {
                        firstError = err;
                        ctx.events().warning(rs, "FailedCreate", "Error creating: " + err.getMessage());
                    }
                }
            }
            remaining -= size;
            batch *= 2;
        }
        for (int i = 0; i < remaining; i++) {
            expectations.creationObserved(key);
        }
        if (firstError != null) {
            throw firstError;
        }
    }

    private void deletePods(String key, ReplicaSet rs, List<Pod> victims) {
        List<CompletableFuture<Optional<Pod>>> calls = new ArrayList<>();
        for (Pod p : victims) {
            calls.add(podClient.deleteAsync(p.metadata().namespace(), p.metadata().name(), DeleteOptions.defaults()));
        }
        ApiException firstError = null;
        for (int i = 0; i < victims.size(); i++) {
            Pod p = victims.get(i);
            try {
                calls.get(i).join();
                ctx.events().normal(rs, "SuccessfulDelete", "Deleted pod: " + p.metadata().name());
            } catch (CompletionException e) {
                expectations.deletionObserved(key, p.metadata().key());
                ApiException err = apiError(e);
                if (!(err instanceof NotFoundException) && firstError == null) {
                    firstError = err;
                    ctx.events().warning(rs, "FailedDelete", "Error deleting: " + err.getMessage());
                }
            }
        }
        if (firstError != null) {
            throw firstError;
        }
    }

    private static ApiException apiError(CompletionException e) {
        Throwable c = e.getCause();
        if (c instanceof ApiException a) {
            return a;
        }
        throw e;
    }

    /** A pod from the template: its labels, annotations and finalizers, generateName {@code <rs>-}, owned by rs. */
    static Pod podFromTemplate(ReplicaSet rs) {
        PodTemplateSpec t = rs.spec().template();
        ObjectMeta meta = ObjectMeta.builder()
                .namespace(rs.metadata().namespace())
                .generateName(rs.metadata().name() + "-")
                .labels(t.metadata().labels())
                .annotations(t.metadata().annotations())
                .finalizers(t.metadata().finalizers())
                .ownerReferences(List.of(OwnerReference.controllerOf(rs)))
                .build();
        return Pod.of(meta, t.spec());
    }

    static int replicas(ReplicaSet rs) {
        return rs.spec().replicas() == null ? 1 : rs.spec().replicas();
    }

    private static int minReadySeconds(ReplicaSet rs) {
        return rs.spec().minReadySeconds() == null ? 0 : rs.spec().minReadySeconds();
    }

    // ---- event handlers: they only enqueue keys and record observations ----

    private Optional<ReplicaSet> resolve(String namespace, OwnerReference ref) {
        return OwnerLookup.owner(replicaSets.cache(), ReplicaSet.GVK.kind(), namespace, ref);
    }

    /** The ReplicaSets whose selector matches an orphan. */
    private List<ReplicaSet> matching(Pod pod) {
        return OwnerLookup.selecting(replicaSets.cache(), o -> o.spec().selector(), pod.metadata().namespace(),
                pod.metadata().labels());
    }

    private void enqueue(KubeObject o) {
        workers.add(o.metadata().key());
    }

    private final class ReplicaSetEvents implements EventHandler<ReplicaSet> {
        @Override
        public void onAdd(ReplicaSet rs) {
            enqueue(rs);
        }

        @Override
        public void onUpdate(ReplicaSet old, ReplicaSet now) {
            enqueue(now);
        }

        @Override
        public void onDelete(ReplicaSet rs) {
            expectations.forget(rs.metadata().key());
            enqueue(rs);
        }
    }

    private final class PodEvents implements EventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            if (pod.metadata().deletionTimestamp() != null) {
                onDelete(pod);
                return;
            }
            Optional<OwnerReference> ref = pod.metadata().controllerRef();
            if (ref.isPresent()) {
                resolve(pod.metadata().namespace(), ref.get()).ifPresent(rs -> {
                    expectations.creationObserved(rs.metadata().key());
                    enqueue(rs);
                });
                return;
            }
            matching(pod).forEach(ReplicaSetController.this::enqueue);
        }

        @Override
        public void onUpdate(Pod old, Pod now) {
            if (Objects.equals(old.metadata().resourceVersion(), now.metadata().resourceVersion())) {
                return;
            }
            boolean labelsChanged = !old.metadata().labels().equals(now.metadata().labels());
            if (now.metadata().deletionTimestamp() != null) {
                onDelete(now);
                if (labelsChanged) {
                    onDelete(old);
                }
                return;
            }
            Optional<OwnerReference> oldRef = old.metadata().controllerRef();
            Optional<OwnerReference> nowRef = now.metadata().controllerRef();
            boolean refChanged = !Objects.equals(oldRef.map(OwnerReference::uid), nowRef.map(OwnerReference::uid));
            if (refChanged && oldRef.isPresent()) {
                resolve(old.metadata().namespace(), oldRef.get()).ifPresent(ReplicaSetController.this::enqueue);
            }
            if (nowRef.isPresent()) {
                resolve(now.metadata().namespace(), nowRef.get()).ifPresent(rs -> {
                    enqueue(rs);
                    int minReady = minReadySeconds(rs);
                    if (minReady > 0 && !PodConditions.isReady(old) && PodConditions.isReady(now)) {
                        workers.addAfter(rs.metadata().key(), Duration.ofSeconds(minReady + 1L));
                    }
                });
                return;
            }
            if (labelsChanged || refChanged) {
                matching(now).forEach(ReplicaSetController.this::enqueue);
            }
        }

        @Override
        public void onDelete(Pod pod) {
            Optional<OwnerReference> ref = pod.metadata().controllerRef();
            if (ref.isEmpty()) {
                return;
            }
            resolve(pod.metadata().namespace(), ref.get()).ifPresent(rs -> {
                expectations.deletionObserved(rs.metadata().key(), pod.metadata().key());
                enqueue(rs);
            });
        }
    }
}
