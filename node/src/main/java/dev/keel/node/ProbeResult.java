package dev.keel.node;

import dev.keel.node.runtime.ContainerId;

/**
 * A probe's verdict on one container instance, as the prober hands it to {@link NodeAgent#probeResult}: readiness
 * sets the container's {@code ready}; a failed liveness or startup probe (failureThreshold reached) restarts the
 * container; a successful startup probe marks it {@code started}. Verdicts for an instance that is no longer the
 * current one are ignored.
 *
 * @param success the probe's threshold-applied outcome (after failureThreshold / successThreshold)
 * @param message why it failed, for the log; {@code null} on success
 */
public record ProbeResult(String podUid, String container, ContainerId containerId, ProbeType type, boolean success,
                          String message) {
}
