package dev.keel.controllers.scheduler.loop;

import dev.keel.api.core.Binding;
import dev.keel.api.core.Event;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.Condition;

import java.util.concurrent.CompletableFuture;

/**
 * Everything the scheduler needs from the apiserver: the seam a REST-client implementation fills in (informers for
 * nodes and pods, the {@code binding} subresource, the status subresource, events). The scheduler never blocks on
 * these futures in its loop.
 */
public interface SchedulerClient {
    /**
     * Lists and watches all nodes, delivering the list as adds then every change, until the returned handle is
     * closed. Re-lists after a broken or compacted watch, reporting differences as events.
     */
    AutoCloseable watchNodes(ObjectHandler<Node> handler);

    /** As {@link #watchNodes}, for pods of all namespaces (terminal pods may be filtered out server-side). */
    AutoCloseable watchPods(ObjectHandler<Pod> handler);

    /**
     * {@code POST /api/v1/namespaces/{ns}/pods/{name}/binding}. Fails (exceptionally) when the pod is gone or already
     * bound (409 Conflict), or on transport errors.
     */
    CompletableFuture<Void> bind(Binding binding);

    /**
     * Sets {@code condition} in the pod's {@code status.conditions}, replacing the condition of the same type (a
     * merge by type, as a strategic-merge patch of the status subresource does). The transition time is kept when
     * the status does not change.
     */
    CompletableFuture<Void> updatePodCondition(Pod pod, Condition condition);

    /** Creates (or aggregates into) a core/v1 Event. */
    CompletableFuture<Void> recordEvent(Event event);
}
