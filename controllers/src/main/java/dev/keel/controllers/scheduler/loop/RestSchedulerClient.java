package dev.keel.controllers.scheduler.loop;

import dev.keel.api.client.KubeClient;
import dev.keel.api.client.PatchType;
import dev.keel.api.core.Binding;
import dev.keel.api.events.EventRecorder;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Informer;
import dev.keel.api.informer.InformerConfig;
import dev.keel.api.informer.InformerFactory;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.Condition;
import dev.keel.api.meta.KubeObject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * {@link SchedulerClient} on the REST client: one informer for nodes and one for unfinished pods of all namespaces
 * (field selector {@value #UNFINISHED_PODS}, so a pod that finishes arrives as a delete), binding through the
 * {@code binding} subresource, the PodScheduled condition through a strategic-merge patch of the {@code status}
 * subresource, and events through an {@link EventRecorder}.
 *
 * <p>Owns its informers (on a small pool of its own) but not the {@link KubeClient} nor the recorder. One instance
 * serves one {@link Scheduler} lifetime: {@link #close()} stops its informers for good.
 */
public final class RestSchedulerClient implements SchedulerClient {
    static final String UNFINISHED_PODS = "status.phase!=Succeeded,status.phase!=Failed";

    private final KubeClient client;
    private final EventRecorder events;
    private final InformerConfig informerConfig;
    private final InformerFactory informers;

    /**
     * @param informerConfig the base informer settings (page size, watch timeout, back-off); namespace and selectors
     *                       are set here
     */
    public RestSchedulerClient(KubeClient client, EventRecorder events, InformerConfig informerConfig) {
        this.client = Objects.requireNonNull(client, "client");
        this.events = Objects.requireNonNull(events, "events");
        this.informerConfig = informerConfig.withNamespace(null);
        this.informers = new InformerFactory(client, this.informerConfig, 2);
    }

    @Override
    public AutoCloseable watchNodes(ObjectHandler<Node> handler) {
        return watch(informers.informer(Kinds.NODES, informerConfig.withSelectors(null, null)), handler);
    }

    @Override
    public AutoCloseable watchPods(ObjectHandler<Pod> handler) {
        return watch(informers.informer(Kinds.PODS, informerConfig.withSelectors(null, UNFINISHED_PODS)), handler);
    }

    private static <T extends KubeObject> AutoCloseable watch(Informer<T> informer, ObjectHandler<T> handler) {
        informer.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(T object) {
                handler.onAdd(object);
            }

            @Override
            public void onUpdate(T old, T now) {
                handler.onUpdate(old, now);
            }

            @Override
            public void onDelete(T lastKnown) {
                handler.onDelete(lastKnown);
            }
        });
        informer.start();
        return informer::close;
    }

    @Override
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return informers.awaitSynced(timeout);
    }

    @Override
    public CompletableFuture<Void> bind(Binding binding) {
        return client.pods().bindAsync(binding);
    }

    @Override
    public CompletableFuture<Void> updatePodCondition(Pod pod, Condition condition) {
        ObjectNode patch = client.codec().jsonMapper().createObjectNode();
        patch.putObject("status").putArray("conditions").add(client.codec().toTree(condition));
        return client.pods().patchStatusAsync(pod.metadata().namespace(), pod.metadata().name(),
                PatchType.STRATEGIC_MERGE, patch.toString()).thenApply(p -> null);
    }

    @Override
    public void warning(Pod pod, String reason, String message) {
        events.warning(pod, reason, message);
    }

    @Override
    public void close() {
        informers.close();
    }
}
