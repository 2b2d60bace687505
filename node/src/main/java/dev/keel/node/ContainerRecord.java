package dev.keel.node;

import dev.keel.api.core.ContainerStateTerminated;
import dev.keel.node.probe.ContainerProbeStatus;

import java.time.Instant;

/**
 * What a pod worker knows about one container of its pod across instances. Confined to the worker's sync (never
 * touched by two threads at once).
 */
final class ContainerRecord {
    static final ContainerProbeStatus NOT_PROBED = new ContainerProbeStatus(false, false, true);

    final String name;
    /** Instances started or tried so far; the next one is attempt number {@code attempts}. */
    int attempts;
    /** The latest attempt; {@code null} before the first one. */
    Attempt latest;
    /** The attempt before {@code latest}, as reported in {@code lastState}; {@code null} if none. */
    ContainerStateTerminated lastTerminated;
    /** Crashes since the last reset, for the back-off. */
    int crashesInRow;
    /** No new attempt before this (crash-loop back-off); {@code null}: no wait. */
    Instant restartNotBefore;
    /** The back-off in force, for the waiting message. */
    java.time.Duration backoff = java.time.Duration.ZERO;
    /** A stop of the latest instance is in flight. */
    boolean stopping;
    /** What the probes said about the latest instance at the last sync (nothing yet: not started, not ready). */
    ContainerProbeStatus probes = NOT_PROBED;

    ContainerRecord(String name) {
        this.name = name;
    }

    int restartCount() {
        return Math.max(0, attempts - 1);
    }

    boolean running() {
        return latest instanceof Attempt.Ran r && r.info().running();
    }

    /** Whether some instance of this container ever ran (a failed start is not running). */
    boolean everRan() {
        return latest instanceof Attempt.Ran || lastTerminated != null && lastTerminated.containerID() != null;
    }
}
