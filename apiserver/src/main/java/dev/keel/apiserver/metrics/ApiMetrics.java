package dev.keel.apiserver.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The apiserver's meters, scraped at {@code /metrics} in Prometheus text format:
 * {@code apiserver_request_total} and {@code apiserver_request_duration_seconds} (histogram) by verb, resource
 * and code, and {@code apiserver_watches_in_flight}. Owns its registry; close it with the server.
 */
public final class ApiMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public ApiMetrics(Supplier<Number> watchesInFlight) {
        Gauge.builder("apiserver.watches.in.flight", watchesInFlight).description("open watch streams")
                .register(registry);
    }

    /** Records one finished request (for a watch: when its stream opened). */
    public void request(String verb, String resource, int code, Duration latency) {
        String c = Integer.toString(code);
        Counter.builder("apiserver.request").description("requests by verb, resource and code")
                .tags("verb", verb, "resource", resource, "code", c).register(registry).increment();
        Timer.builder("apiserver.request.duration").description("request latency by verb, resource and code")
                .tags("verb", verb, "resource", resource, "code", c)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(latency);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        registry.close();
    }
}
