package dev.keel.controllers;

import dev.keel.api.client.KubeClient;
import dev.keel.api.events.EventRecorder;
import dev.keel.api.informer.InformerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.Objects;

/**
 * What every controller shares: the apiserver client, the shared informers (one list+watch per resource for all
 * controllers), the event recorder, the metrics registry and the clock. Owned by the controller-manager.
 */
public record ControllerContext(KubeClient client, InformerFactory informers, EventRecorder events,
                                MeterRegistry metrics, Clock clock) {
    public ControllerContext {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(informers, "informers");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
    }
}
