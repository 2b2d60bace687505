package dev.keel.controllers.scheduler;

import dev.keel.api.core.Pod;

/**
 * Runs once per cycle before any filter: computes what the filters need from the pod and may reject the pod for
 * every node at once (its reason then becomes the whole summary message). {@link Status#skip()} means the
 * plugin's filter would admit every node for this pod, so the framework does not call it this cycle.
 */
public interface PreFilterPlugin extends Plugin {
    Status preFilter(CycleState state, Pod pod);
}
