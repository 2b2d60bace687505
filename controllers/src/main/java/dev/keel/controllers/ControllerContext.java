package dev.keel.controllers;

import dev.keel.api.client.KubeClient;
import dev.keel.api.events.EventRecorder;
import dev.keel.api.informer.InformerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;

/** PLACEHOLDER (branch h-workloads) for the lead's ControllerContext: what every controller shares. */
public record ControllerContext(KubeClient client, InformerFactory informers, EventRecorder events,
                               MeterRegistry metrics, Clock clock) {
}
