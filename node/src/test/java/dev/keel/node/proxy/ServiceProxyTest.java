package dev.keel.node.proxy;

import dev.keel.api.client.ClientConfig;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.KubeClient;
import dev.keel.api.core.EndpointAddress;
import dev.keel.api.core.EndpointPort;
import dev.keel.api.core.EndpointSubset;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.Endpoints;
import dev.keel.api.core.Service;
import dev.keel.api.core.ServicePort;
import dev.keel.api.core.ServiceSpec;
import dev.keel.api.informer.InformerConfig;
import dev.keel.api.informer.InformerFactory;
import dev.keel.api.kinds.Kinds;
import dev.keel.api.meta.IntOrString;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.apiserver.TestCluster;
import dev.keel.kvstore.replica.PeerPorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proxy against a real control plane (Services and Endpoints created through the apiserver) and real backend
 * servers on loopback.
 */
class ServiceProxyTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int BIG = 50 * 1024 * 1024;
    private static final AtomicInteger names = new AtomicInteger();

    @TempDir
    static Path dir;
    private static TestCluster cluster;
    private static KubeClient client;
    private static InformerFactory informers;
    private static SimpleMeterRegistry registry;
    private static ServiceProxy proxy;
    /**
     * A second proxy on the NIO transport, node address 127.0.0.2, seeing only namespace "nio" (its own informers),
     * whose services have no clusterIP: so the two proxies never compete for an address.
     */
    private static ServiceProxy nioProxy;
    private static InformerFactory nioInformers;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(dir, 1);
        client = KubeClient.create(ClientConfig.of(URI.create(cluster.httpUrl())));
        informers = new InformerFactory(client, InformerConfig.defaults());
        registry = new SimpleMeterRegistry();
        proxy = new ServiceProxy(ServiceProxyConfig.defaults().withRetryDelay(Duration.ofMillis(200)), informers,
                registry);
        client.resource(Kinds.NAMESPACES).create(Namespace.of("nio"));
        nioInformers = new InformerFactory(client, InformerConfig.defaults().withNamespace("nio"));
        nioProxy = new ServiceProxy(ServiceProxyConfig.defaults().withNodeAddress("127.0.0.2")
                .withTransport(ProxyTransport.NIO), nioInformers, registry);
        informers.start();
        nioInformers.start();
        proxy.start();
        nioProxy.start();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (nioProxy != null) {
            nioProxy.close();
        }
        if (informers != null) {
            informers.close();
        }
        if (nioInformers != null) {
            nioInformers.close();
        }
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** A fresh ClusterIP in the loopback range and a port free on loopback. */
    private static InetSocketAddress clusterAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new InetSocketAddress("127.96." + r.nextInt(1, 255) + "." + r.nextInt(1, 255), PeerPorts.pick("127.0.0.1"));
    }

    /** A port in the apiserver's node port range (30000-32767) that is free on 127.0.0.1 and 127.0.0.2. */
    private static int freeNodePort() {
        int start = ThreadLocalRandom.current().nextInt(30000, 32768);
        for (int i = 0; i < 2768; i++) {
            int p = 30000 + (start - 30000 + i) % 2768;
            try (ServerSocket a = new ServerSocket(p, 1, java.net.InetAddress.getByName("127.0.0.1"));
                 ServerSocket b = new ServerSocket(p, 1, java.net.InetAddress.getByName("127.0.0.2"))) {
                return p;
            } catch (IOException e) {
                // taken: try the next one
            }
        }
        throw new IllegalStateException("no free node port in 30000-32767");
    }

    private static String newName() {
        return "svc-" + names.incrementAndGet();
    }

    private static Service createService(String name, InetSocketAddress at, String type, Integer nodePort) {
        ServicePort port = new ServicePort(null, "TCP", at.getPort(), IntOrString.of(8080), nodePort, Map.of());
        Service created = client.resource(Kinds.SERVICES).create(Service.of(ObjectMeta.of("default", name),
                ServiceSpec.builder().type(type).clusterIP(at.getHostString()).ports(List.of(port)).build()));
        assertEquals(at.getHostString(), created.spec().clusterIP(), "the apiserver kept the clusterIP");
        return created;
    }

    /** One subset per backend (pods on one node share its address, so their ports differ). */
    private static Endpoints endpointsOf(String namespace, String name, List<InetSocketAddress> backends) {
        List<EndpointSubset> subsets = new ArrayList<>();
        for (InetSocketAddress b : backends) {
            subsets.add(new EndpointSubset(List.of(new EndpointAddress(b.getHostString(), null, null, null,
                    Map.of())), List.of(), List.of(new EndpointPort(null, b.getPort(), "TCP", Map.of())), Map.of()));
        }
        return Endpoints.of(ObjectMeta.of(namespace, name), subsets);
    }

    private static void putEndpoints(String name, List<InetSocketAddress> backends) {
        putEndpoints("default", name, backends);
    }

    private static void putEndpoints(String namespace, String name, List<InetSocketAddress> backends) {
        var res = client.resource(Kinds.ENDPOINTS);
        var existing = res.getAsync(namespace, name).handle((e, err) -> e).join();
        Endpoints want = endpointsOf(namespace, name, backends);
        if (existing == null) {
            res.create(want);
        } else {
            res.update(want.withMetadata(existing.metadata()));
        }
    }

    private static InetSocketAddress addr(TestBackend b) {
        return new InetSocketAddress(b.host(), b.port());
    }

    private static void awaitBackends(InetSocketAddress listen, List<InetSocketAddress> expected) {
        await(() -> proxy.backends(listen).map(l -> sorted(l).equals(sorted(expected))).orElse(false),
                "proxy on " + listen + " to use " + expected + ", has " + proxy.backends(listen));
    }

    private static List<String> sorted(List<InetSocketAddress> l) {
        return l.stream().map(a -> a.getHostString() + ":" + a.getPort()).sorted().toList();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            try {
                Thread.sleep(20); // polling the proxy's state, which has no event to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A client connection through the proxy that reads the backend's greeting line. */
    private static final class Conn implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;
        final String backend;

        Conn(InetSocketAddress to) throws IOException {
            socket = new Socket();
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.connect(to, (int) WAIT.toMillis());
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            backend = in.readLine();
        }

        String echo(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private double counter(String name, String service, String... tags) {
        var search = registry.find(name).tag("service", "default/" + service);
        for (int i = 0; i < tags.length; i += 2) {
            search = search.tag(tags[i], tags[i + 1]);
        }
        var c = search.counter();
        return c == null ? 0 : c.count();
    }

    // ---- tests --------------------------------------------------------------------------------------------

    @Test
    void connectionsGoRoundRobinAcrossTheEndpoints() throws Exception {
        String name = newName();
        InetSocketAddress at = clusterAddress();
        try (TestBackend a = TestBackend.echo("a", "127.0.0.1"); TestBackend b = TestBackend.echo("b", "127.0.0.1");
             TestBackend c = TestBackend.echo("c", "127.0.0.1")) {
            createService(name, at, null, null);
            putEndpoints(name, List.of(addr(a), addr(b), addr(c)));
            awaitBackends(at, List.of(addr(a), addr(b), addr(c)));

            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < 6; i++) {
                try (Conn conn = new Conn(at)) {
                    assertEquals("hello " + i, conn.echo("hello " + i));
                    seen.merge(conn.backend, 1, Integer::sum);
                }
            }
            assertEquals(Map.of("a", 2, "b", 2, "c", 2), seen);
            assertEquals(6, counter("keel.proxy.connections", name));
            assertTrue(counter("keel.proxy.bytes", name, "direction", "in") > 0);
            assertTrue(counter("keel.proxy.bytes", name, "direction", "out") > 0);
        }
    }

    @Test
    void aRefusingEndpointIsSkipped() throws Exception {
        String name = newName();
        InetSocketAddress at = clusterAddress();
        InetSocketAddress dead = new InetSocketAddress("127.0.0.1", PeerPorts.pick("127.0.0.1")); // nothing listens there
        try (TestBackend live = TestBackend.echo("live", "127.0.0.1")) {
            createService(name, at, null, null);
            putEndpoints(name, List.of(dead, addr(live)));
            awaitBackends(at, List.of(dead, addr(live)));
            for (int i = 0; i < 4; i++) {
                try (Conn conn = new Conn(at)) {
                    assertEquals("live", conn.backend);
                }
            }
            assertTrue(counter("keel.proxy.errors", name, "reason", "refused") >= 2);
        }
    }

    @Test
    void withoutAnyEndpointTheClientIsClosed() throws Exception {
        String name = newName();
        InetSocketAddress at = clusterAddress();
        InetSocketAddress dead = new InetSocketAddress("127.0.0.1", PeerPorts.pick("127.0.0.1"));
        createService(name, at, null, null);
        putEndpoints(name, List.of(dead));
        awaitBackends(at, List.of(dead));
        try (Socket s = new Socket()) {
            s.setSoTimeout((int) WAIT.toMillis());
            s.connect(at);
            assertEquals(-1, s.getInputStream().read()); // closed by the proxy, not hung
        }
        await(() -> counter("keel.proxy.errors", name, "reason", "unavailable") == 1, "an unavailable error");
    }

    @Test
    void newConnectionsSeeNewEndpointsWhileEstablishedOnesKeepWorking() throws Exception {
        String name = newName();
        InetSocketAddress at = clusterAddress();
        try (TestBackend a = TestBackend.echo("a", "127.0.0.1"); TestBackend b = TestBackend.echo("b", "127.0.0.1")) {
            createService(name, at, null, null);
            putEndpoints(name, List.of(addr(a)));
            awaitBackends(at, List.of(addr(a)));
            try (Conn old = new Conn(at)) {
                assertEquals("a", old.backend);
                putEndpoints(name, List.of(addr(b)));
                awaitBackends(at, List.of(addr(b)));
                try (Conn fresh = new Conn(at)) {
                    assertEquals("b", fresh.backend);
                }
                assertEquals("still here", old.echo("still here"));
            }
        }
    }

    @Test
    void deletingTheServiceClosesItsListenersButNotItsConnections() throws Exception {
        String name = newName();
        InetSocketAddress at = clusterAddress();
        InetSocketAddress node = new InetSocketAddress("127.0.0.1", freeNodePort());
        try (TestBackend a = TestBackend.echo("a", "127.0.0.1")) {
            createService(name, at, "NodePort", node.getPort());
            putEndpoints(name, List.of(addr(a)));
            awaitBackends(at, List.of(addr(a)));
            awaitBackends(node, List.of(addr(a)));
            try (Conn viaNodePort = new Conn(node); Conn viaClusterIP = new Conn(at)) {
                assertEquals("a", viaNodePort.backend);
                client.resource(Kinds.SERVICES).delete("default", name, DeleteOptions.defaults());
                await(() -> !proxy.listening().contains(at) && !proxy.listening().contains(node),
                        "the listeners of the deleted service to close");
                assertThrows(ConnectException.class, () -> new Socket(at.getAddress(), at.getPort()).close());
                assertThrows(ConnectException.class, () -> new Socket(node.getAddress(), node.getPort()).close());
                assertEquals("after delete", viaClusterIP.echo("after delete"));
                assertEquals("after delete too", viaNodePort.echo("after delete too"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Transfer.class)
    void largeTransfersArriveIntactThroughBothTransports(Transfer transfer) throws Exception {
        String name = newName();
        int nodePort = freeNodePort();
        InetSocketAddress viaEpoll = new InetSocketAddress("127.0.0.1", nodePort);
        InetSocketAddress viaNio = new InetSocketAddress("127.0.0.2", nodePort);
        try (TestBackend backend = transfer.backend()) {
            // No clusterIP: only the nodePort listeners, one per proxy (each on its own node address).
            ServicePort port = new ServicePort(null, "TCP", 80, IntOrString.of(8080), nodePort, Map.of());
            client.resource(Kinds.SERVICES).create(Service.of(ObjectMeta.of("nio", name),
                    ServiceSpec.builder().type("NodePort").ports(List.of(port)).build()));
            putEndpoints("nio", name, List.of(addr(backend)));
            awaitBackends(viaEpoll, List.of(addr(backend)));
            await(() -> nioProxy.backends(viaNio).map(l -> l.size() == 1).orElse(false), "the NIO proxy");
            for (InetSocketAddress at : List.of(viaEpoll, viaNio)) {
                try (Socket s = new Socket()) {
                    s.setSoTimeout((int) WAIT.toMillis());
                    s.connect(at);
                    transfer.client(s);
                }
            }
        }
    }

    /** Three shapes of a big stream, each checked by SHA-256 on both ends. */
    enum Transfer {
        /** 50 MiB up while the echo comes back down at the same time. */
        ECHO {
            TestBackend backend() {
                return new TestBackend("echo", "127.0.0.1", s -> s.getInputStream().transferTo(s.getOutputStream()));
            }

            void client(Socket s) throws Exception {
                CompletableFuture<String> sent = CompletableFuture.supplyAsync(() -> {
                    try {
                        String h = writeRandom(s.getOutputStream(), BIG, 1);
                        s.shutdownOutput();
                        return h;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                String received = readAll(s.getInputStream(), BIG);
                assertEquals(sent.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), received);
            }
        },
        /** 50 MiB down from a server that closes right after writing (the tail must not be lost). */
        DOWNLOAD_THEN_CLOSE {
            TestBackend backend() {
                return new TestBackend("source", "127.0.0.1", s -> writeRandom(s.getOutputStream(), BIG, 2));
            }

            void client(Socket s) throws Exception {
                String expected = writeRandom(OutputStream.nullOutputStream(), BIG, 2);
                assertEquals(expected, readAll(s.getInputStream(), BIG));
            }
        },
        /** 50 MiB up, then half-close; the server answers with what it got after seeing the end. */
        UPLOAD_THEN_HALF_CLOSE {
            TestBackend backend() {
                return new TestBackend("sink", "127.0.0.1", s -> {
                    String digest = readAll(s.getInputStream(), BIG);
                    s.getOutputStream().write(digest.getBytes(StandardCharsets.UTF_8));
                    s.shutdownOutput();
                });
            }

            void client(Socket s) throws Exception {
                String sent = writeRandom(s.getOutputStream(), BIG, 3);
                s.shutdownOutput();
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(sent, answer);
            }
        };

        abstract TestBackend backend();

        abstract void client(Socket s) throws Exception;
    }

    /** Writes {@code n} pseudo-random bytes from {@code seed}; returns their SHA-256. */
    static String writeRandom(OutputStream out, int n, long seed) throws IOException {
        Random r = new Random(seed);
        MessageDigest md = sha256();
        byte[] buf = new byte[64 * 1024];
        for (int left = n; left > 0; ) {
            int k = Math.min(left, buf.length);
            r.nextBytes(buf);
            out.write(buf, 0, k);
            md.update(buf, 0, k);
            left -= k;
        }
        out.flush();
        return HexFormat.of().formatHex(md.digest());
    }

    /** Reads to end of stream, checks the length and returns the SHA-256. */
    static String readAll(InputStream in, int expectedLength) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int k; (k = in.read(buf)) >= 0; ) {
            md.update(buf, 0, k);
            total += k;
        }
        assertEquals(expectedLength, total, "bytes received");
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
