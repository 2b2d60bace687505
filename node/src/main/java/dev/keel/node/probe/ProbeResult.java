package dev.keel.node.probe;

/**
 * The outcome of one check. {@link Success} and {@link Failure} count towards the probe's thresholds;
 * {@link Error} means the check could not be run as specified (an unknown named port, no handler, a bad scheme)
 * and, as in the kubelet, is reported but does not change the probe's state.
 */
public sealed interface ProbeResult permits ProbeResult.Success, ProbeResult.Failure, ProbeResult.Error {
    /** A human-readable explanation (output of the command, HTTP status, connect error). */
    String message();

    record Success(String message) implements ProbeResult {
    }

    record Failure(String message) implements ProbeResult {
    }

    record Error(String message) implements ProbeResult {
    }
}
