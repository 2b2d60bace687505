package dev.keel.node.proxy;

import dev.keel.api.core.Endpoints;
import dev.keel.api.core.Service;
import dev.keel.api.informer.EventHandler;
import dev.keel.api.informer.Informer;
import dev.keel.api.informer.InformerFactory;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.KubeObject;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's service proxy: for each Service port it listens on {@code clusterIP:port} (and on
 * {@code nodeAddress:nodePort} for NodePort and LoadBalancer services) and forwards every TCP connection to a
 * ready endpoint, round-robin, skipping endpoints that refuse (see {@link ProxyPlan} for the exact rules and
 * docs/proxy.md for why). UDP ports are not proxied.
 *
 * <p>Level-triggered: informer events only enqueue the Service's key; one sync thread compares the listeners
 * the Service should have with those it has and binds, updates or closes them. Endpoint changes swap a
 * listener's backend set (connections in flight keep theirs); a removed port or a deleted Service closes the
 * listening socket only, established connections run until they end. A listener that cannot bind (port taken)
 * is retried after {@link ServiceProxyConfig#retryDelay()}.
 *
 * <p>Wiring (the agent owns the informer factory and starts it after constructing its components):
 * <pre>{@code
 *   ServiceProxy proxy = new ServiceProxy(ServiceProxyConfig.defaults().withNodeAddress(nodeIP), informers, registry);
 *   informers.start();
 *   proxy.start();
 *   ...
 *   proxy.close();          // before the informer factory
 * }</pre>
 */
public final class ServiceProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceProxy.class);

    private final ServiceProxyConfig config;
    private final Informer<Service> services;
    private final Informer<Endpoints> endpoints;
    private final ProxyMetrics metrics;
    private final Transport transport;
    private final EventLoopGroup group;
    private final ScheduledExecutorService syncThread;
    /** Written only on the sync thread; read anywhere. */
    private final Map<ListenAddress, PortListener> listeners = new ConcurrentHashMap<>();
    /** Guards {@code started}, {@code closed} and {@code pending}. */
    private final Object lock = new Object();
    private final Set<String> pending = new HashSet<>();
    private boolean started;
    private boolean closed;

    public ServiceProxy(ServiceProxyConfig config, InformerFactory informers, MeterRegistry registry) {
        this.config = config;
        this.metrics = new ProxyMetrics(registry);
        this.transport = Transport.of(config.transport());
        this.services = informers.informer(Kinds.SERVICES);
        this.endpoints = informers.informer(Kinds.ENDPOINTS);
        this.group = new MultiThreadIoEventLoopGroup(config.ioThreads(), transport.ioHandler());
        this.syncThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keel-proxy-sync");
            t.setDaemon(true);
            return t;
        });
        services.addEventHandler(enqueueing());
        endpoints.addEventHandler(enqueueing());
    }

    private <T extends KubeObject> EventHandler<T> enqueueing() {
        return new EventHandler<>() {
            @Override
            public void onAdd(T o) {
                enqueue(o.metadata().key());
            }

            @Override
            public void onUpdate(T old, T now) {
                enqueue(now.metadata().key());
            }

            @Override
            public void onDelete(T last) {
                enqueue(last.metadata().key());
            }
        };
    }

    /** Starts syncing (events seen before are synced now). Call after the informer factory is started. */
    public ServiceProxy start() {
        List<String> keys;
        synchronized (lock) {
            if (started || closed) {
                return this;
            }
            started = true;
            keys = new ArrayList<>(pending);
            pending.clear();
        }
        log.info("service proxy started ({} transport, node address {})", transport.name(), config.nodeAddress());
        keys.forEach(this::enqueue);
        return this;
    }

    private void enqueue(String key) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (!started) {
                pending.add(key);
                return;
            }
        }
        try {
            syncThread.execute(() -> sync(key));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** The addresses listened on now. */
    public Set<InetSocketAddress> listening() {
        Set<InetSocketAddress> out = new HashSet<>();
        listeners.keySet().forEach(a -> out.add(a.socketAddress()));
        return out;
    }

    /** The backends new connections to {@code address} go to; empty if nothing listens there. */
    public Optional<List<InetSocketAddress>> backends(InetSocketAddress address) {
        PortListener l = listeners.get(new ListenAddress(address.getHostString(), address.getPort()));
        return l == null ? Optional.empty() : Optional.of(l.spec().backends());
    }

    /** Makes the listeners of one Service match its spec and endpoints. Runs on the sync thread only. */
    private void sync(String key) {
        Optional<Service> svc = services.cache().get(key);
        Map<ListenAddress, ListenerSpec> desired = svc.isEmpty() ? Map.of()
                : ProxyPlan.of(svc.get(), endpoints.cache().get(key), config.nodeAddress());
        for (PortListener l : new ArrayList<>(listeners.values())) {
            if (l.spec().serviceKey().equals(key) && !desired.containsKey(l.address())) {
                listeners.remove(l.address());
                l.close();
                log.info("{}: stopped listening on {}", key, l.address());
            }
        }
        boolean retry = false;
        for (Map.Entry<ListenAddress, ListenerSpec> e : desired.entrySet()) {
            PortListener existing = listeners.get(e.getKey());
            if (existing != null && existing.spec().serviceKey().equals(key)) {
                existing.update(e.getValue());
                continue;
            }
            if (existing != null) {
                log.warn("{}: {} is already used by service {}; will retry", key, e.getKey(),
                        existing.spec().serviceKey());
                retry = true;
                continue;
            }
            try {
                listeners.put(e.getKey(), PortListener.bind(e.getKey(), e.getValue(), group, transport, config,
                        metrics));
                log.info("{}: listening on {} -> {}", key, e.getKey(), e.getValue().backends());
            } catch (PortListener.BindFailedException ex) {
                log.warn("{}; will retry in {}", ex.getMessage(), config.retryDelay());
                retry = true;
            }
        }
        if (retry) {
            try {
                syncThread.schedule(() -> sync(key), config.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException ignored) {
                // closing
            }
        }
    }

    /** Stops syncing, closes every listener and then every connection. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        syncThread.shutdownNow();
        try {
            syncThread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listeners.values().forEach(PortListener::close);
        listeners.clear();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
