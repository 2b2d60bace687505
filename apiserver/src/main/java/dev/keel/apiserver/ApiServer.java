package dev.keel.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.codec.KubeCodec;
import dev.keel.api.kinds.Kinds;
import dev.keel.apiserver.allocation.AllocationRepair;
import dev.keel.apiserver.allocation.ServiceAllocator;
import dev.keel.apiserver.auth.Authenticator;
import dev.keel.apiserver.auth.TokenFile;
import dev.keel.apiserver.logs.NodeLogProxy;
import dev.keel.apiserver.http.HandlerSettings;
import dev.keel.apiserver.http.HttpServer;
import dev.keel.apiserver.metrics.ApiMetrics;
import dev.keel.apiserver.registry.ObjectRegistry;
import dev.keel.apiserver.rest.RestApi;
import dev.keel.apiserver.rest.Router;
import dev.keel.apiserver.status.ApiException;
import dev.keel.apiserver.status.Errors;
import dev.keel.apiserver.storage.ObjectStore;
import dev.keel.apiserver.tls.TlsFiles;
import dev.keel.apiserver.watch.ObjectDecoder;
import dev.keel.apiserver.watch.WatchCaches;
import dev.keel.kvstore.client.KvClient;
import dev.keel.kvstore.client.KvClientConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The apiserver daemon: wires the store client, the watch caches, the registry, the REST router and the HTTPS
 * (and optionally plain HTTP) listeners. {@link #start()} brings them up in order and returns once the watch caches
 * are in sync and the default namespaces exist; {@link #close()} takes everything down in reverse.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final List<String> DEFAULT_NAMESPACES = List.of("default", "kube-system", "kube-public",
            "kube-node-lease");

    private final ApiServerConfig config;
    private final Clock clock;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private HttpServer secure;
    private HttpServer insecure;
    private TlsFiles tls;
    private TokenFile tokens;
    private boolean started;

    public ApiServer(ApiServerConfig config) {
        this(config, Clock.systemUTC());
    }

    public ApiServer(ApiServerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public synchronized ApiServer start() {
        if (started) {
            throw new IllegalStateException("apiserver already started");
        }
        started = true;
        try {
            startParts();
        } catch (RuntimeException e) {
            closeOwned();
            throw e;
        }
        return this;
    }

    private void startParts() {
        KubeCodec codec = new KubeCodec();
        KvClient client = new KvClient(KvClientConfig.of(config.storeEndpoints()).withCallTimeout(config.storeTimeout()));
        owned.push(client);
        ObjectStore store = new ObjectStore(client);
        WatchCaches caches = new WatchCaches(client, store, new ObjectDecoder(codec), config.watchCache());
        owned.push(caches);
        ApiMetrics metrics = new ApiMetrics(caches::watcherCount);
        owned.push(metrics);
        SecureRandom random = new SecureRandom();
        ServiceAllocator allocator = new ServiceAllocator(store, config.services(), random);
        ObjectRegistry registry = new ObjectRegistry(store, caches, codec, clock, random, allocator);
        await(caches.start(), "the watch caches' first sync");
        owned.push(new AllocationRepair(store, allocator, codec.jsonMapper()).start());
        ensureNamespaces(registry, codec);
        NodeLogProxy logs = new NodeLogProxy(Duration.ofSeconds(5));
        owned.push(logs);
        Router router = RestApi.router(store, registry, caches, codec, metrics, config.watchCache(), config.serving(),
                caches::ready, clock, logs);
        HandlerSettings settings = new HandlerSettings(router, codec, Optional.empty(), Router.PUBLIC_PATHS,
                config.maxBodyBytes());
        if (config.securePort() >= 0) {
            tls = TlsFiles.loadOrCreate(config.dataDir(), config.certificateHosts(), clock);
            tokens = TokenFile.loadOrCreate(config.effectiveTokenFile());
            HandlerSettings authenticated = new HandlerSettings(router, codec,
                    Optional.of(new Authenticator(tokens)), Router.PUBLIC_PATHS, config.maxBodyBytes());
            secure = new HttpServer("apiserver https", config.host(), config.securePort(), Optional.of(sslContext()),
                    authenticated, 0);
            owned.push(secure);
        }
        if (config.insecurePort() >= 0) {
            insecure = new HttpServer("apiserver http", config.host(), config.insecurePort(), Optional.empty(),
                    settings, 0);
            owned.push(insecure);
        }
        LOG.info("apiserver started: https {}, http {}, store {}", securePort(), insecurePort(),
                config.storeEndpoints());
    }

    private SslContext sslContext() {
        try {
            return SslContextBuilder.forServer(tls.servingKey(), tls.serving(), tls.caCertificate()).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS from " + tls.dir(), e);
        }
    }

    private void ensureNamespaces(ObjectRegistry registry, KubeCodec codec) {
        for (String ns : DEFAULT_NAMESPACES) {
            ObjectNode body = codec.jsonMapper().createObjectNode();
            body.put("apiVersion", "v1").put("kind", "Namespace").putObject("metadata").put("name", ns);
            CompletableFuture<ObjectNode> f = registry.create(Kinds.NAMESPACES, null, body);
            try {
                await(f, "creating namespace " + ns);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
    }

    private <T> T await(CompletableFuture<T> f, String what) {
        try {
            return f.get(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            ApiException api = Errors.from(e);
            if (api.code() < 500) {
                throw api;
            }
            throw new IllegalStateException("apiserver start: " + what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("apiserver start: " + what + " took longer than " + config.startTimeout()
                    + " (is the store at " + config.storeEndpoints() + " up?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("apiserver start interrupted", e);
        }
    }

    /** The HTTPS port, or -1 when off. */
    public int securePort() {
        return secure == null ? -1 : secure.port();
    }

    /** The plain HTTP port, or -1 when off. */
    public int insecurePort() {
        return insecure == null ? -1 : insecure.port();
    }

    /** {@code https://host:port} of the secure port. */
    public String secureUrl() {
        return "https://" + config.host() + ":" + securePort();
    }

    public Path caCertificateFile() {
        return requireTls().caCertificateFile();
    }

    /** The first token of the token file (the admin token of {@code keel kubeconfig}). */
    public String adminToken() {
        if (tokens == null) {
            throw new IllegalStateException("the secure port is off: no tokens");
        }
        return tokens.adminToken();
    }

    private TlsFiles requireTls() {
        if (tls == null) {
            throw new IllegalStateException("the secure port is off: no TLS files");
        }
        return tls;
    }

    @Override
    public synchronized void close() {
        closeOwned();
    }

    private void closeOwned() {
        AutoCloseable next;
        while ((next = owned.poll()) != null) {
            try {
                next.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", next.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
