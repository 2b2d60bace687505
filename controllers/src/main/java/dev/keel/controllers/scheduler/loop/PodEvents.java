package dev.keel.controllers.scheduler.loop;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.Snapshot;
import dev.keel.controllers.scheduler.cache.SchedulerCache;
import dev.keel.controllers.scheduler.queue.ClusterEvent;
import dev.keel.controllers.scheduler.queue.SchedulingQueue;

/**
 * Pod informer events: bound pods go to the cache (confirming assumptions), pending ones to the queue. A bound pod
 * that is deleted or finishes frees resources and ports, which may let parked pods fit.
 */
final class PodEvents implements ObjectHandler<Pod> {
    private final SchedulerCache cache;
    private final SchedulingQueue queue;

    PodEvents(SchedulerCache cache, SchedulingQueue queue) {
        this.cache = cache;
        this.queue = queue;
    }

    @Override
    public void onAdd(Pod pod) {
        if (isBound(pod)) {
            cache.addPod(pod);
        } else {
            queue.add(pod);
        }
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
        if (isBound(newPod)) {
            cache.updatePod(newPod);
            queue.delete(newPod.metadata().key());
            if (isBound(oldPod) && !Snapshot.isTerminal(oldPod) && Snapshot.isTerminal(newPod)) {
                queue.onClusterEvent(ClusterEvent.POD_DELETED);
            }
        } else {
            queue.update(oldPod, newPod);
        }
    }

    @Override
    public void onDelete(Pod pod) {
        String key = pod.metadata().key();
        queue.delete(key);
        if (isBound(pod) || cache.isAssumed(key)) {
            cache.removePod(key);
            queue.onClusterEvent(ClusterEvent.POD_DELETED);
        }
    }

    private static boolean isBound(Pod pod) {
        String nodeName = pod.spec().nodeName();
        return nodeName != null && !nodeName.isEmpty();
    }
}
