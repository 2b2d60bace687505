package dev.keel.apiserver.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The apiserver's meters, scraped at {@code /metrics} in Prometheus text format:
 * {@code apiserver_request_total} and {@code apiserver_request_duration_seconds} (histogram) by verb, resource
 * and code, and {@code apiserver_watches_in_flight}. Owns its registry; close it with the server.
 */
public final class ApiMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<Labels, Meters> meters = new ConcurrentHashMap<>();

    public ApiMetrics(Supplier<Number> watchesInFlight) {
        Gauge.builder("apiserver.watches.in.flight", watchesInFlight).description("open watch streams")
                .register(registry);
    }

    /** Records one finished request (for a watch: when its stream opened). */
    public void request(String verb, String resource, int code, Duration latency) {
        // Registering a meter looks it up by its full id (tags sorted and hashed); the pair is kept per label set.
        Meters m = meters.computeIfAbsent(new Labels(verb, resource, code), this::register);
        m.count().increment();
        m.duration().record(latency);
    }

    private Meters register(Labels l) {
        String c = Integer.toString(l.code());
        Counter count = Counter.builder("apiserver.request").description("requests by verb, resource and code")
                .tags("verb", l.verb(), "resource", l.resource(), "code", c).register(registry);
        Timer duration = Timer.builder("apiserver.request.duration")
                .description("request latency by verb, resource and code")
                .tags("verb", l.verb(), "resource", l.resource(), "code", c)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        return new Meters(count, duration);
    }

    private record Labels(String verb, String resource, int code) {
    }

    private record Meters(Counter count, Timer duration) {
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
