package dev.keel.controllers.endpoints;

import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.client.ResourceClient;
import dev.keel.api.core.EndpointSubset;
import dev.keel.api.core.Endpoints;
import dev.keel.api.core.Pod;
import dev.keel.api.core.Service;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Indexers;
import dev.keel.api.informer.Informer;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.selector.Selector;
import dev.keel.controllers.Controller;
import dev.keel.controllers.ControllerContext;
import dev.keel.controllers.reconcile.ReconcileLoop;
import dev.keel.controllers.reconcile.ReconcileResult;
import dev.keel.controllers.reconcile.SharedIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps an Endpoints object (same namespace and name) for every Service with a selector: the addresses of the
 * selected pods, ready ones apart from not-ready ones, with the service's ports resolved per pod
 * ({@link EndpointSubsets}). Writes only when the computed Endpoints differ from the cached ones; deletes the
 * Endpoints when the Service goes. Services without a selector are left alone (their Endpoints are the user's).
 *
 * <p>Handlers enqueue service keys: a service change its own key, a pod change the keys of the services in its
 * namespace whose selectors match its old or new labels, an Endpoints change or delete the key of its service (so a
 * hand edit is repaired).
 */
public final class EndpointsController implements Controller {
    public static final String NAME = "endpoints";
    private static final Logger LOG = LoggerFactory.getLogger(EndpointsController.class);

    private final Informer<Service> services;
    private final Informer<Pod> pods;
    private final Informer<Endpoints> endpoints;
    private final ResourceClient<Endpoints> client;
    private final ReconcileLoop loop;

    public EndpointsController(ControllerContext ctx, EndpointsConfig config) {
        Objects.requireNonNull(config, "config");
        this.services = ctx.informers().informer(Kinds.SERVICES);
        this.pods = ctx.informers().informer(Kinds.PODS);
        this.endpoints = ctx.informers().informer(Kinds.ENDPOINTS);
        this.client = ctx.client().resource(Kinds.ENDPOINTS);
        this.loop = new ReconcileLoop(NAME, config.workers(), this::reconcile, ctx.metrics(),
                System::nanoTime);
        SharedIndexes.ensure(services, Indexers.NAMESPACE, Indexers.namespace());
        SharedIndexes.ensure(pods, Indexers.NAMESPACE, Indexers.namespace());
        services.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(Service s) {
                loop.enqueue(s.metadata().key());
            }

            @Override
            public void onUpdate(Service old, Service now) {
                loop.enqueue(now.metadata().key());
            }

            @Override
            public void onDelete(Service s) {
                loop.enqueue(s.metadata().key());
            }
        });
        pods.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(Pod p) {
                enqueueServicesOf(p, null);
            }

            @Override
            public void onUpdate(Pod old, Pod now) {
                if (old != now) {
                    enqueueServicesOf(now, old);
                }
            }

            @Override
            public void onDelete(Pod p) {
                enqueueServicesOf(p, null);
            }
        });
        endpoints.addEventHandler(new EventHandler<>() {
            @Override
            public void onUpdate(Endpoints old, Endpoints now) {
                if (old != now) {
                    loop.enqueue(now.metadata().key());
                }
            }

            @Override
            public void onDelete(Endpoints e) {
                loop.enqueue(e.metadata().key());
            }
        });
    }

    private void enqueueServicesOf(Pod pod, Pod old) {
        for (Service s : services.cache().byIndex(Indexers.NAMESPACE, pod.metadata().namespace())) {
            Map<String, String> selector = s.spec().selector();
            if (selector.isEmpty()) {
                continue;
            }
            Selector sel = Selector.matchingLabels(selector);
            if (sel.matches(pod.metadata().labels()) || (old != null && sel.matches(old.metadata().labels()))) {
                loop.enqueue(s.metadata().key());
            }
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

    ReconcileResult reconcile(String key) {
        Optional<Service> service = services.cache().get(key);
        Optional<Endpoints> current = endpoints.cache().get(key);
        if (service.isEmpty()) {
            current.ifPresent(this::deleteEndpoints);
            return ReconcileResult.done();
        }
        Service svc = service.get();
        if (svc.spec().selector().isEmpty()) {
            return ReconcileResult.done();
        }
        Selector sel = Selector.matchingLabels(svc.spec().selector());
        List<Pod> selected = pods.cache().byIndex(Indexers.NAMESPACE, svc.metadata().namespace()).stream()
                .filter(p -> sel.matches(p.metadata().labels())).toList();
        List<EndpointSubset> subsets = EndpointSubsets.of(svc, selected);
        Map<String, String> labels = svc.metadata().labels();
        if (current.isPresent() && current.get().subsets().equals(subsets)
                && current.get().metadata().labels().equals(labels)) {
            return ReconcileResult.done();
        }
        write(svc, current, subsets, labels);
        return ReconcileResult.done();
    }

    private void write(Service svc, Optional<Endpoints> current, List<EndpointSubset> subsets,
                       Map<String, String> labels) {
        if (current.isEmpty()) {
            ObjectMeta meta = ObjectMeta.builder().namespace(svc.metadata().namespace()).name(svc.metadata().name())
                    .labels(labels).build();
            client.create(Endpoints.of(meta, subsets)); // AlreadyExists: the cache is behind, so retry later
            LOG.debug("created endpoints {} with {} subsets", svc.metadata().key(), subsets.size());
            return;
        }
        Endpoints e = current.get();
        Endpoints next = e.withMetadata(e.metadata().toBuilder().labels(labels).build()).withSubsets(subsets);
        client.update(next); // carries the cached resourceVersion: a conflict retries on newer state
        LOG.debug("updated endpoints {} with {} subsets", svc.metadata().key(), subsets.size());
    }

    private void deleteEndpoints(Endpoints e) {
        try {
            client.delete(e.metadata().namespace(), e.metadata().name(),
                    DeleteOptions.defaults().withPreconditions(e.metadata().uid(), null));
            LOG.debug("deleted endpoints {} of a deleted service", e.metadata().key());
        } catch (NotFoundException gone) {
            // already gone
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}
