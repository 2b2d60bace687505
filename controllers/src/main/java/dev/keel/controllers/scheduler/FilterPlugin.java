package dev.keel.controllers.scheduler;

import dev.keel.api.core.Pod;

/**
 * Decides whether {@code pod} may run on one node. Success admits the node; a rejection carries the reason shown
 * to people. Must not modify the state it reads: filters of one cycle may run for many nodes.
 */
public interface FilterPlugin extends Plugin {
    Status filter(CycleState state, Pod pod, NodeInfo node);
}
