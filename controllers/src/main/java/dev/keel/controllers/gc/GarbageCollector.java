package dev.keel.controllers.gc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.client.PatchType;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Informer;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.KubeObject;
import dev.keel.api.meta.OwnerReference;
import dev.keel.controllers.Controller;
import dev.keel.controllers.ControllerContext;
import dev.keel.controllers.reconcile.ReconcileLoop;
import dev.keel.controllers.reconcile.ReconcileResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deletes objects whose owners are gone, as Kubernetes' garbage collector does, over the {@link ObjectGraph} of
 * every monitored resource. One work queue of object keys; for an object:
 * <ul>
 *   <li>being deleted with the {@code orphan} finalizer: its dependents lose their references to it, then the
 *       finalizer goes;</li>
 *   <li>being deleted with the {@code foregroundDeletion} finalizer: its dependents are deleted (each enqueued; an
 *       owner that waits for them makes them deletable), and once none with {@code blockOwnerDeletion} is left the
 *       finalizer goes;</li>
 *   <li>with owner references: each owner is present, waiting (foreground), absent (by uid: an owner with the same
 *       name and another uid is another owner) or of an unknown kind ({@link OwnerLookup}). With a present owner,
 *       references to absent or waiting owners are removed; with only absent or waiting owners, the object is
 *       deleted (background, or foreground when an owner waits and the object has dependents itself, or as its own
 *       finalizers ask); unknown kinds never cause a deletion.</li>
 * </ul>
 * Handlers enqueue an object when it appears with owners, when its owners or finalizers change, and every dependent
 * and owner of an object that goes away. Deletes carry a uid precondition, so a recreated object is never hit.
 */
public final class GarbageCollector implements Controller {
    public static final String NAME = "garbagecollector";
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

    private final ObjectGraph graph;
    private final OwnerLookup owners;
    private final KubeClient client;
    private final ObjectMapper json;
    private final ReconcileLoop loop;

    public GarbageCollector(ControllerContext ctx, GcConfig config) {
        Objects.requireNonNull(config, "config");
        this.client = ctx.client();
        this.json = ctx.client().codec().jsonMapper();
        this.graph = new ObjectGraph(ctx.informers(), config.resources());
        this.owners = new OwnerLookup(graph, ctx.client(), new AbsentOwners(config.absentOwnerMemory()));
        this.loop = new ReconcileLoop(NAME, config.workers(), this::reconcile, ctx.metrics(), System::nanoTime);
        graph.informers().forEach(this::handle);
    }

    private <T extends KubeObject> void handle(ResourceType<?> type, Informer<T> informer) {
        informer.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(T o) {
                if (!o.metadata().ownerReferences().isEmpty() || hasGcFinalizer(o)) {
                    loop.enqueue(ItemKey.of(type, o));
                }
            }

            @Override
            public void onUpdate(T old, T now) {
                if (old == now) {
                    return;
                }
                boolean refsChanged = !old.metadata().ownerReferences().equals(now.metadata().ownerReferences());
                if (refsChanged || (now.metadata().deletionTimestamp() != null && hasGcFinalizer(now))) {
                    loop.enqueue(ItemKey.of(type, now));
                }
                if (now.metadata().deletionTimestamp() != null) {
                    enqueueOwners(now); // a waiting owner re-checks its blocking dependents
                }
            }

            @Override
            public void onDelete(T o) {
                enqueueDependents(o);
                enqueueOwners(o);
            }
        });
    }

    private void enqueueDependents(KubeObject o) {
        String uid = o.metadata().uid();
        if (uid != null) {
            graph.dependentsOf(uid).forEach(d -> loop.enqueue(d.key()));
        }
    }

    private void enqueueOwners(KubeObject o) {
        for (OwnerReference ref : o.metadata().ownerReferences()) {
            graph.resolve(ref.apiVersion(), ref.kind()).ifPresent(type -> graph.byUid(type, ref.uid())
                    .ifPresent(owner -> loop.enqueue(ItemKey.of(type, owner))));
        }
    }

    private static boolean hasGcFinalizer(KubeObject o) {
        List<String> f = o.metadata().finalizers();
        return f.contains(GcFinalizers.FOREGROUND) || f.contains(GcFinalizers.ORPHAN);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() {
        loop.start();
    }

    ReconcileResult reconcile(String key) {
        Optional<ItemKey> item = ItemKey.decode(key, graph.resourcesById());
        if (item.isEmpty()) {
            LOG.warn("garbage collector: dropping malformed key {}", key);
            return ReconcileResult.done();
        }
        Optional<KubeObject> cached = graph.get(item.get());
        if (cached.isEmpty()) {
            return ReconcileResult.done();
        }
        KubeObject o = cached.get();
        ResourceType<?> type = item.get().type();
        if (o.metadata().deletionTimestamp() != null) {
            if (o.metadata().finalizers().contains(GcFinalizers.ORPHAN)) {
                orphanDependents(type, o);
            } else if (o.metadata().finalizers().contains(GcFinalizers.FOREGROUND)) {
                deleteDependentsFirst(type, o);
            }
            return ReconcileResult.done();
        }
        if (!o.metadata().ownerReferences().isEmpty()) {
            attemptToDelete(type, o);
        }
        return ReconcileResult.done();
    }

    private void attemptToDelete(ResourceType<?> type, KubeObject o) {
        List<OwnerReference> solid = new ArrayList<>();
        List<OwnerReference> gone = new ArrayList<>(); // absent or waiting
        boolean waiting = false;
        for (OwnerReference ref : o.metadata().ownerReferences()) {
            OwnerState state = owners.stateOf(o, ref);
            switch (state) {
                case PRESENT, UNRESOLVABLE -> solid.add(ref);
                case WAITING -> {
                    gone.add(ref);
                    waiting = true;
                }
                case ABSENT -> gone.add(ref);
                default -> throw new IllegalStateException("unhandled owner state " + state);
            }
        }
        if (gone.isEmpty()) {
            return;
        }
        if (!solid.isEmpty()) {
            Set<String> drop = gone.stream().map(OwnerReference::uid).collect(Collectors.toSet());
            removeOwnerRefs(type, o, drop);
            return;
        }
        DeleteOptions.Propagation policy = DeleteOptions.Propagation.BACKGROUND;
        if (o.metadata().finalizers().contains(GcFinalizers.ORPHAN)) {
            policy = DeleteOptions.Propagation.ORPHAN;
        } else if (o.metadata().finalizers().contains(GcFinalizers.FOREGROUND)
                || (waiting && !graph.dependentsOf(o.metadata().uid()).isEmpty())) {
            policy = DeleteOptions.Propagation.FOREGROUND;
        }
        delete(type, o, policy);
    }

    private void delete(ResourceType<?> type, KubeObject o, DeleteOptions.Propagation policy) {
        try {
            client.resource(type).delete(o.metadata().namespace(), o.metadata().name(), DeleteOptions.defaults()
                    .withPropagation(policy).withPreconditions(o.metadata().uid(), null));
            LOG.info("garbage collector: deleted {} {} ({}): its owners are gone", type.singular(),
                    o.metadata().key(), policy.wireName());
        } catch (NotFoundException gone) {
            // went meanwhile
        }
    }

    /** Foreground: delete every dependent; drop the finalizer once no blocking dependent is left. */
    private void deleteDependentsFirst(ResourceType<?> type, KubeObject owner) {
        String uid = owner.metadata().uid();
        List<ObjectGraph.Item> dependents = graph.dependentsOf(uid);
        boolean blocked = false;
        for (ObjectGraph.Item d : dependents) {
            if (blocks(d.object(), uid)) {
                blocked = true;
            }
            if (d.object().metadata().deletionTimestamp() == null) {
                loop.enqueue(d.key()); // its owner now waits, so attemptToDelete deletes it
            }
        }
        if (!blocked) {
            removeFinalizer(type, owner, GcFinalizers.FOREGROUND);
        }
    }

    private static boolean blocks(KubeObject dependent, String ownerUid) {
        return dependent.metadata().ownerReferences().stream()
                .anyMatch(r -> ownerUid.equals(r.uid()) && Boolean.TRUE.equals(r.blockOwnerDeletion()));
    }

    /** Orphan: the dependents lose their references to the owner, then the owner its finalizer. */
    private void orphanDependents(ResourceType<?> type, KubeObject owner) {
        String uid = owner.metadata().uid();
        for (ObjectGraph.Item d : graph.dependentsOf(uid)) {
            removeOwnerRefs(d.type(), d.object(), Set.of(uid));
        }
        removeFinalizer(type, owner, GcFinalizers.ORPHAN);
    }

    /** A merge patch guarded by the cached resourceVersion: a concurrent change is a conflict, retried. */
    private void removeOwnerRefs(ResourceType<?> type, KubeObject o, Set<String> uids) {
        List<OwnerReference> kept = o.metadata().ownerReferences().stream()
                .filter(r -> !uids.contains(r.uid())).toList();
        ObjectNode meta = patchMeta(o);
        meta.set("ownerReferences", kept.isEmpty() ? json.nullNode() : json.valueToTree(kept));
        patch(type, o, meta);
        LOG.info("garbage collector: {} {} no longer refers to owners {}", type.singular(), o.metadata().key(), uids);
    }

    private void removeFinalizer(ResourceType<?> type, KubeObject o, String finalizer) {
        List<String> kept = o.metadata().finalizers().stream().filter(f -> !f.equals(finalizer)).toList();
        ObjectNode meta = patchMeta(o);
        ArrayNode list = meta.putArray("finalizers");
        kept.forEach(list::add);
        patch(type, o, meta);
        LOG.info("garbage collector: removed finalizer {} from {} {}", finalizer, type.singular(), o.metadata().key());
    }

    private ObjectNode patchMeta(KubeObject o) {
        ObjectNode meta = json.createObjectNode();
        meta.put("resourceVersion", o.metadata().resourceVersion());
        return meta;
    }

    private void patch(ResourceType<?> type, KubeObject o, ObjectNode meta) {
        ObjectNode body = json.createObjectNode();
        body.set("metadata", meta);
        try {
            client.resource(type).patch(o.metadata().namespace(), o.metadata().name(), PatchType.MERGE,
                    body.toString());
        } catch (NotFoundException gone) {
            // went meanwhile
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
