package dev.keel.controllers.scheduler.loop;

import dev.keel.api.core.Binding;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.Condition;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Everything the scheduler needs from the apiserver: informers for nodes and pods, the {@code binding}
 * subresource, the status subresource and events. {@link RestSchedulerClient} implements it on the REST client.
 * The scheduler never blocks on these futures in its loop.
 */
public interface SchedulerClient extends AutoCloseable {
    /**
     * Lists and watches all nodes, delivering the list as adds then every change, until the returned handle is
     * closed. Re-lists after a broken or compacted watch, reporting differences as events. Call at most once.
     */
    AutoCloseable watchNodes(ObjectHandler<Node> handler);

    /**
     * As {@link #watchNodes}, for pods of all namespaces that have not finished (a pod that turns Succeeded or
     * Failed is reported as deleted). Call at most once.
     */
    AutoCloseable watchPods(ObjectHandler<Pod> handler);

    /** Waits until every watch started so far has delivered its initial list; false on timeout. */
    boolean awaitSynced(Duration timeout) throws InterruptedException;

    /**
     * {@code POST /api/v1/namespaces/{ns}/pods/{name}/binding}. Fails (exceptionally) when the pod is gone or already
     * bound (409 Conflict), or on transport errors.
     */
    CompletableFuture<Void> bind(Binding binding);

    /**
     * Sets {@code condition} in the pod's {@code status.conditions}, replacing the condition of the same type (a
     * strategic-merge patch of the status subresource, so concurrent writes of other status fields survive).
     */
    CompletableFuture<Void> updatePodCondition(Pod pod, Condition condition);

    /** Records a Warning event about {@code pod}; never blocks (repeats are aggregated). */
    void warning(Pod pod, String reason, String message);

    /** Stops the watches and releases the client's threads (not the shared REST client). Idempotent. */
    @Override
    void close();
}
