package dev.keel.controllers.testing;

import dev.keel.api.client.KubeClient;
import dev.keel.api.core.Namespace;
import dev.keel.api.events.EventRecorder;
import dev.keel.api.informer.InformerConfig;
import dev.keel.api.informer.InformerFactory;
import dev.keel.apiserver.TestCluster;
import dev.keel.controllers.ControllerContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real store + apiserver ({@link TestCluster}, one replica) with an admin kubeconfig, a client, and a
 * {@link ControllerContext} on a shared informer factory, as the controller-manager wires them. Closes what it made
 * in reverse order.
 */
public final class ControlPlane implements AutoCloseable {
    private final TestCluster cluster;
    private final Path kubeconfig;
    private final KubeClient client;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    private ControlPlane(TestCluster cluster, Path kubeconfig, KubeClient client) {
        this.cluster = cluster;
        this.kubeconfig = kubeconfig;
        this.client = client;
    }

    public static ControlPlane start(Path dir) {
        TestCluster cluster = TestCluster.start(dir, 1);
        try {
            return new ControlPlane(cluster, cluster.kubeconfig(), cluster.newClient());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public KubeClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    /** A new context with its own informer factory and client (closed with the control plane). */
    public ControllerContext newContext(String component) {
        KubeClient c = track(cluster.newClient());
        InformerFactory informers = track(new InformerFactory(c, InformerConfig.defaults()));
        EventRecorder events = track(EventRecorder.create(c, component, "test"));
        return new ControllerContext(c, informers, events, new SimpleMeterRegistry(), Clock.systemUTC());
    }

    /** Starts the context's informers and waits for them to sync. */
    public static void startInformers(ControllerContext ctx) {
        ctx.informers().start();
        try {
            if (!ctx.informers().awaitSynced(Duration.ofSeconds(30))) {
                throw new AssertionError("informers did not sync within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Namespace createNamespace(String name) {
        return client.resource(dev.keel.api.kinds.Kinds.NAMESPACES).create(Namespace.of(name));
    }

    public <T extends AutoCloseable> T track(T c) {
        closeables.add(c);
        return c;
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        client.close();
        cluster.close();
    }
}
