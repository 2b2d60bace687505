package dev.keel.controllers.namespace;

import dev.keel.api.client.ApiException;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.ListOptions;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.client.ResourceClient;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.NamespaceSpec;
import dev.keel.api.core.NamespaceStatus;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Informer;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.meta.Condition;
import dev.keel.api.meta.KubeObject;
import dev.keel.controllers.Controller;
import dev.keel.controllers.ControllerContext;
import dev.keel.controllers.reconcile.ReconcileLoop;
import dev.keel.controllers.reconcile.ReconcileResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Empties terminating namespaces, as Kubernetes' namespace controller does. A namespace being deleted (deletion
 * timestamp set, phase Terminating) that still carries the {@code kubernetes} finalizer in {@code spec.finalizers}
 * gets every object of every namespaced resource in {@code Kinds.RESOURCES} deleted (background propagation; pods
 * gracefully, so their agents stop them), is looked at again every {@link NamespaceConfig#recheck} until nothing is
 * left, with its deletion conditions kept up to date, and then loses the finalizer through the {@code finalize}
 * subresource, after which the apiserver deletes it. Objects are read from the apiserver, not from informers, so
 * "nothing is left" is never a stale answer.
 */
public final class NamespaceController implements Controller {
    public static final String NAME = "namespace";
    static final String FINALIZER = "kubernetes";
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceController.class);

    private final NamespaceConfig config;
    private final ControllerContext ctx;
    private final Clock clock;
    private final Informer<Namespace> namespaces;
    private final ResourceClient<Namespace> client;
    private final ReconcileLoop loop;

    public NamespaceController(ControllerContext ctx, NamespaceConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.ctx = ctx;
        this.clock = ctx.clock();
        this.namespaces = ctx.informers().informer(Kinds.NAMESPACES);
        this.client = ctx.client().resource(Kinds.NAMESPACES);
        this.loop = new ReconcileLoop(NAME, config.workers(), this::reconcile, ctx.metrics(), System::nanoTime);
        namespaces.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(Namespace ns) {
                enqueueIfDeleting(ns);
            }

            @Override
            public void onUpdate(Namespace old, Namespace now) {
                enqueueIfDeleting(now);
            }
        });
    }

    private void enqueueIfDeleting(Namespace ns) {
        if (ns.metadata().deletionTimestamp() != null) {
            loop.enqueue(ns.metadata().name());
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start() {
        loop.start();
    }

    ReconcileResult reconcile(String name) {
        Optional<Namespace> cached = namespaces.cache().get(name);
        if (cached.isEmpty() || cached.get().metadata().deletionTimestamp() == null
                || !cached.get().spec().finalizers().contains(FINALIZER)) {
            return ReconcileResult.done();
        }
        ContentReport report = deleteContent(name);
        Namespace ns = writeConditions(cached.get(), report);
        if (!report.empty()) {
            LOG.debug("namespace {}: waiting for {}", name, report.remaining());
            return ReconcileResult.requeueAfter(config.recheck());
        }
        finalizeNamespace(ns);
        return ReconcileResult.done();
    }

    /** Deletes what is in {@code namespace}, then counts what is still there. */
    private ContentReport deleteContent(String namespace) {
        Map<String, Integer> remaining = new HashMap<>();
        Map<String, Integer> finalizers = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (ResourceType<?> type : Kinds.RESOURCES) {
            if (!type.namespaced()) {
                continue;
            }
            try {
                deleteAll(type, namespace);
                List<? extends KubeObject> left = ctx.client().resource(type).listAll(namespace, ListOptions.all())
                        .items();
                if (!left.isEmpty()) {
                    remaining.put(resourceName(type), left.size());
                    for (KubeObject o : left) {
                        o.metadata().finalizers().forEach(f -> finalizers.merge(f, 1, Integer::sum));
                    }
                }
            } catch (ApiException e) {
                if (e.isTransient()) {
                    throw e; // retry the whole pass with backoff
                }
                failures.add(resourceName(type) + ": " + e.getMessage());
                remaining.merge(resourceName(type), 1, Integer::sum);
            }
        }
        return new ContentReport(remaining, finalizers, failures);
    }

    private <T extends KubeObject> void deleteAll(ResourceType<T> type, String namespace) {
        ResourceClient<T> rc = ctx.client().resource(type);
        for (T o : rc.listAll(namespace, ListOptions.all()).items()) {
            if (o.metadata().deletionTimestamp() != null) {
                continue;
            }
            try {
                rc.delete(namespace, o.metadata().name(), DeleteOptions.defaults()
                        .withPropagation(DeleteOptions.Propagation.BACKGROUND)
                        .withPreconditions(o.metadata().uid(), null));
            } catch (NotFoundException gone) {
                // went meanwhile
            }
        }
    }

    private static String resourceName(ResourceType<?> type) {
        return type.plural() + "." + type.gvk().group();
    }

    private Namespace writeConditions(Namespace ns, ContentReport report) {
        List<Condition> wanted = NamespaceConditions.of(report, ns.status().conditions(), clock.instant());
        if (NamespaceConditions.sameIgnoringTime(wanted, ns.status().conditions())) {
            return ns;
        }
        NamespaceStatus status = new NamespaceStatus(ns.status().phase(), wanted, ns.status().unknownFields());
        try {
            return client.updateStatus(ns.withStatus(status));
        } catch (NotFoundException gone) {
            return ns;
        }
    }

    private void finalizeNamespace(Namespace ns) {
        List<String> rest = ns.spec().finalizers().stream().filter(f -> !FINALIZER.equals(f)).toList();
        Namespace next = ns.withSpec(new NamespaceSpec(rest, ns.spec().unknownFields()));
        try {
            client.finalizeNamespace(next);
            LOG.info("namespace {} is empty: finalized{}", ns.metadata().name(),
                    rest.isEmpty() ? "" : " (still held by " + rest + ")");
        } catch (NotFoundException gone) {
            // deleted meanwhile
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
