package dev.keel.controllers.scheduler.queue;

/** Changes in the cluster that may let a parked unschedulable pod fit, so they move it back to be retried. */
public enum ClusterEvent {
    NODE_ADDED,
    /** Labels, taints, unschedulable flag or allocatable changed. */
    NODE_CHANGED,
    /** A pod bound to a node was deleted (or finished), freeing its resources and ports. */
    POD_DELETED
}
