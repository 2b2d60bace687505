package dev.keel.node.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Per-service meters (tag {@code service=namespace/name}):
 * <ul>
 *   <li>{@code keel.proxy.connections}: connections accepted;</li>
 *   <li>{@code keel.proxy.bytes} with {@code direction=in} (client to backend) or {@code out} (backend to
 *       client);</li>
 *   <li>{@code keel.proxy.errors} with {@code reason=no_endpoints} (no ready backend), {@code refused} (one
 *       backend refused or did not answer; the next one is tried), {@code unavailable} (every attempt failed:
 *       the client is closed), {@code io} (a relayed connection broke).</li>
 * </ul>
 * Micrometer caches meters by name and tags, so looking them up per connection is cheap.
 */
final class ProxyMetrics {
    private final MeterRegistry registry;

    ProxyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Counter connections(String service) {
        return registry.counter("keel.proxy.connections", "service", service);
    }

    Counter bytesIn(String service) {
        return registry.counter("keel.proxy.bytes", "service", service, "direction", "in");
    }

    Counter bytesOut(String service) {
        return registry.counter("keel.proxy.bytes", "service", service, "direction", "out");
    }

    Counter errors(String service, String reason) {
        return registry.counter("keel.proxy.errors", "service", service, "reason", reason);
    }
}
