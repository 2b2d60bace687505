package dev.keel.controllers.scheduler.queue;

/** How many pods wait where, for metrics and tests. {@code inFlight} pods are being scheduled right now. */
public record QueueLengths(int active, int backoff, int unschedulable, int inFlight) {
}
