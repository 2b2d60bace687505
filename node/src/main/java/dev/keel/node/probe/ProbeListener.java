package dev.keel.node.probe;

/**
 * Told when a probe's state changes (not on every check). Called on a probe thread, one call at a time per
 * container; keep it short (enqueue the pod for a sync) and never block.
 */
@FunctionalInterface
public interface ProbeListener {
    void onProbeChange(ProbeEvent event);
}
