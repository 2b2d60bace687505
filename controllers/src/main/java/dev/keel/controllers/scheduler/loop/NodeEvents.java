package dev.keel.controllers.scheduler.loop;

import dev.keel.api.core.Node;
import dev.keel.controllers.scheduler.cache.SchedulerCache;
import dev.keel.controllers.scheduler.queue.ClusterEvent;
import dev.keel.controllers.scheduler.queue.SchedulingQueue;

/**
 * Node informer events into the cache and the queue. Only changes that can make a pod fit (labels, spec: taints and
 * the unschedulable flag, allocatable) move parked pods; heartbeats (conditions) do not.
 */
final class NodeEvents implements ObjectHandler<Node> {
    private final SchedulerCache cache;
    private final SchedulingQueue queue;

    NodeEvents(SchedulerCache cache, SchedulingQueue queue) {
        this.cache = cache;
        this.queue = queue;
    }

    @Override
    public void onAdd(Node node) {
        cache.addOrUpdateNode(node);
        queue.onClusterEvent(ClusterEvent.NODE_ADDED);
    }

    @Override
    public void onUpdate(Node oldNode, Node newNode) {
        cache.addOrUpdateNode(newNode);
        if (schedulingRelevantChange(oldNode, newNode)) {
            queue.onClusterEvent(ClusterEvent.NODE_CHANGED);
        }
    }

    @Override
    public void onDelete(Node node) {
        cache.removeNode(node.metadata().name());
    }

    static boolean schedulingRelevantChange(Node oldNode, Node newNode) {
        return !oldNode.spec().equals(newNode.spec())
                || !oldNode.metadata().labels().equals(newNode.metadata().labels())
                || !oldNode.status().allocatable().equals(newNode.status().allocatable());
    }
}
