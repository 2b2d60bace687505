package dev.keel.api.client;

import dev.keel.api.codec.KubeCodec;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.kinds.ResourceType;
import dev.keel.api.apps.Deployment;
import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.KubeObject;

import javax.net.ssl.SSLContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of one apiserver: {@code KubeClient.create(config).resource(Kinds.PODS).get("default", "web")}.
 *
 * <p>Built on {@code java.net.http.HttpClient} (HTTP/1.1; TLS trusting the kubeconfig's CA; bearer token): no
 * extra dependency, async with {@code CompletableFuture}, and watch bodies read line by line with backpressure
 * through a {@code Flow.Subscriber}, so an idle watch holds a socket but no thread.
 *
 * <p>Owns its I/O threads and open watches: {@link #close()} cancels every watch, fails queued requests and stops
 * the threads. Thread-safe; share one per component.
 */
public final class KubeClient implements AutoCloseable {
    private final ClientConfig config;
    private final ExecutorService executor;
    private final HttpTransport transport;
    private final WatchRegistry watches = new WatchRegistry();

    private KubeClient(ClientConfig config, KubeCodec codec) {
        this.config = config;
        this.executor = Executors.newCachedThreadPool(daemonThreads("keel-client-" + config.server().getAuthority()));
        SSLContext tls = config.certificateAuthorityPem() == null ? null
                : TrustedCertificates.sslContext(config.certificateAuthorityPem());
        NettyExchanges exchanges = new NettyExchanges(config.server(), tls, config.connectTimeout(), executor);
        this.transport = new HttpTransport(exchanges, config, codec);
    }

    public static KubeClient create(ClientConfig config) {
        return new KubeClient(config, new KubeCodec());
    }

    /** With a shared codec. */
    public static KubeClient create(ClientConfig config, KubeCodec codec) {
        return new KubeClient(config, codec);
    }

    public ClientConfig config() {
        return config;
    }

    public KubeCodec codec() {
        return transport.codec();
    }

    public <T extends KubeObject> ResourceClient<T> resource(ResourceType<T> type) {
        return new ResourceClient<>(type, transport, config.defaultNamespace(), config.requestTimeout(), watches);
    }

    public ResourceClient<Pod> pods() {
        return resource(Kinds.PODS);
    }

    public ResourceClient<Node> nodes() {
        return resource(Kinds.NODES);
    }

    public ResourceClient<ReplicaSet> replicaSets() {
        return resource(Kinds.REPLICA_SETS);
    }

    public ResourceClient<Deployment> deployments() {
        return resource(Kinds.DEPLOYMENTS);
    }

    /** Number of watches currently open through this client. */
    public int openWatches() {
        return watches.size();
    }

    /**
     * Cancels every watch, fails queued requests, and stops the I/O threads (waiting up to 5 s). Requests in
     * flight fail. Idempotent.
     */
    @Override
    public void close() {
        watches.close();
        transport.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads named {@code <prefix>-1}, {@code <prefix>-2}, ... */
    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
