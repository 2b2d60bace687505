package dev.keel.node.probe;

/**
 * A probe's state changed.
 *
 * @param target  the container instance
 * @param type    which probe
 * @param state   the new state
 * @param message the last check's explanation (e.g. {@code HTTP probe failed with status code 500})
 */
public record ProbeEvent(ProbeTarget target, ProbeType type, ProbeState state, String message) {
}
