package dev.keel.node.proxy;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the service proxy.
 *
 * @param nodeAddress        the node's address: where NodePort/LoadBalancer services' nodePorts are opened
 *                           (default {@code 127.0.0.1})
 * @param transport          how bytes move (default {@link ProxyTransport#AUTO})
 * @param ioThreads          event loop threads for every listener and connection (default 2)
 * @param maxConnectAttempts backends one client connection tries before it is closed (default 3; fewer if the
 *                           service has fewer)
 * @param connectTimeout     how long one backend connect may take before the next is tried (default 2 s)
 * @param retryDelay         wait before retrying a listener that could not bind, e.g. the port is taken
 *                           (default 5 s)
 */
public record ServiceProxyConfig(String nodeAddress, ProxyTransport transport, int ioThreads, int maxConnectAttempts,
                                 Duration connectTimeout, Duration retryDelay) {
    public ServiceProxyConfig {
        Objects.requireNonNull(nodeAddress, "nodeAddress");
        Objects.requireNonNull(transport, "transport");
        if (ioThreads < 1 || maxConnectAttempts < 1) {
            throw new IllegalArgumentException("ioThreads and maxConnectAttempts must be positive, got " + ioThreads
                    + " and " + maxConnectAttempts);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || retryDelay.isNegative()) {
            throw new IllegalArgumentException("connectTimeout must be positive and retryDelay not negative, got "
                    + connectTimeout + " and " + retryDelay);
        }
    }

    public static ServiceProxyConfig defaults() {
        return new ServiceProxyConfig("127.0.0.1", ProxyTransport.AUTO, 2, 3, Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    public ServiceProxyConfig withNodeAddress(String address) {
        return new ServiceProxyConfig(address, transport, ioThreads, maxConnectAttempts, connectTimeout, retryDelay);
    }

    public ServiceProxyConfig withTransport(ProxyTransport t) {
        return new ServiceProxyConfig(nodeAddress, t, ioThreads, maxConnectAttempts, connectTimeout, retryDelay);
    }

    public ServiceProxyConfig withMaxConnectAttempts(int n) {
        return new ServiceProxyConfig(nodeAddress, transport, ioThreads, n, connectTimeout, retryDelay);
    }

    public ServiceProxyConfig withRetryDelay(Duration d) {
        return new ServiceProxyConfig(nodeAddress, transport, ioThreads, maxConnectAttempts, connectTimeout, d);
    }
}
