package dev.keel.node.probe;

/**
 * What the probes say about a container instance, for its ContainerStatus.
 *
 * @param started true once the startup probe succeeded (at once without one): ContainerStatus.started
 * @param ready   started, and the readiness probe's state is SUCCESS (without one: ready once started):
 *                ContainerStatus.ready
 * @param live    false once the liveness or startup probe has FAILED: the agent should restart the container
 */
public record ContainerProbeStatus(boolean started, boolean ready, boolean live) {
}
