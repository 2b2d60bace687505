package dev.keel.controllers.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.client.ResourceClient;
import dev.keel.api.events.EventRecorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiConsumer;

/** What one Deployment sync uses besides the objects: the clients, events, the clock and the queue. */
record SyncTools(ResourceClient<ReplicaSet> replicaSets, ResourceClient<Deployment> deployments,
                 EventRecorder events, ObjectMapper json, Clock clock, BiConsumer<String, Duration> enqueueAfter) {

    /** Now, to the second: condition times are written with second precision, so compare them at that precision. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
