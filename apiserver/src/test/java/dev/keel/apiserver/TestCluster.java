package dev.keel.apiserver;

import dev.keel.api.client.KubeClient;
import dev.keel.apiserver.kubeconfig.Kubeconfig;
import dev.keel.apiserver.watch.WatchCacheConfig;
import dev.keel.kvstore.raft.RaftSettings;
import dev.keel.kvstore.replica.PeerPorts;
import dev.keel.kvstore.replica.PeerSpec;
import dev.keel.kvstore.replica.Replica;
import dev.keel.kvstore.replica.ReplicaConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real Keel for tests: N store replicas (Ratis + RocksDB + etcd gRPC) on loopback and an apiserver with an HTTPS
 * port (token auth, certificates made in the data dir) and a plain HTTP port; the apiserver reaches the replicas
 * in-process, as in {@code keel up}. Closed in reverse order.
 */
public final class TestCluster implements AutoCloseable {
    private static final Duration LEADER_WAIT = Duration.ofSeconds(20);

    private final List<Replica> replicas = new ArrayList<>();
    private ApiServer apiserver;
    private ApiServerConfig apiserverConfig;
    private final Path dir;

    private TestCluster(Path dir) {
        this.dir = dir;
    }

    public static TestCluster start(Path dir, int replicas) {
        return start(dir, replicas, c -> c);
    }

    public static TestCluster start(Path dir, int size, UnaryOperator<ApiServerConfig> tune) {
        TestCluster c = new TestCluster(dir);
        try {
            List<PeerSpec> peers = new ArrayList<>();
            for (int i = 1; i <= size; i++) {
                peers.add(new PeerSpec("n" + i, "127.0.0.1", PeerPorts.pick("127.0.0.1")));
            }
            RaftSettings raft = RaftSettings.defaults()
                    .withElectionTimeouts(Duration.ofMillis(300), Duration.ofMillis(600));
            for (PeerSpec p : peers) {
                c.replicas.add(new Replica(ReplicaConfig.of(p.id(), dir.resolve("store-" + p.id()), peers)
                        .withRaft(raft).withClientPort(0)).start());
            }
            c.awaitLeader();
            // In-process, as keel up's apiserver reaches its replicas (tests' own clients use storeEndpoints()).
            List<String> endpoints = c.replicas.stream().map(r -> r.inProcessEndpoint().orElseThrow()).toList();
            ApiServerConfig config = ApiServerConfig.of(endpoints, dir.resolve("apiserver")).withPorts(0, 0)
                    .withWatchCache(WatchCacheConfig.defaults().withBookmarkInterval(Duration.ofSeconds(1)));
            c.apiserverConfig = tune.apply(config);
            c.apiserver = new ApiServer(c.apiserverConfig).start();
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void awaitLeader() {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (replicas.stream().noneMatch(r -> r.service().isLeader())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no store leader within " + LEADER_WAIT);
            }
            try {
                Thread.sleep(20); // polling a condition that has no event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** {@code 127.0.0.1:port} of every store replica's client port (etcd API). */
    public List<String> storeEndpoints() {
        return replicas.stream().map(r -> "127.0.0.1:" + r.clientPort()).toList();
    }

    public ApiServer apiserver() {
        return apiserver;
    }

    /**
     * Closes the apiserver and starts a new one on the same store and data dir (new ports: read
     * {@link #httpUrl()} again).
     */
    public ApiServer restartApiServer() {
        apiserver.close();
        apiserver = null;
        apiserver = new ApiServer(apiserverConfig).start();
        return apiserver;
    }

    public Path dir() {
        return dir;
    }

    /** {@code http://127.0.0.1:port} of the insecure port. */
    public String httpUrl() {
        return "http://127.0.0.1:" + apiserver.insecurePort();
    }

    public String httpsUrl() {
        return "https://127.0.0.1:" + apiserver.securePort();
    }

    /**
     * Writes (once) and returns an admin kubeconfig for the HTTPS port, usable by kubectl and by
     * {@code dev.keel.api.client.Kubeconfig.load}.
     */
    public synchronized Path kubeconfig() {
        Path file = dir.resolve("kubeconfig");
        if (!Files.exists(file)) {
            try {
                Kubeconfig.write(file, Kubeconfig.render(httpsUrl(),
                        Files.readString(apiserver.caCertificateFile()), apiserver.adminToken()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    /** A new admin client on the HTTPS port; the caller closes it. */
    public KubeClient newClient() {
        try {
            return KubeClient.create(dev.keel.api.client.Kubeconfig.load(kubeconfig()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (apiserver != null) {
            apiserver.close();
        }
        for (int i = replicas.size() - 1; i >= 0; i--) {
            replicas.get(i).close();
        }
        replicas.clear();
    }
}
