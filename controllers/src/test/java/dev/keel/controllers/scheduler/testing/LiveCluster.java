package dev.keel.controllers.scheduler.testing;

import dev.keel.api.client.ClientConfig;
import dev.keel.api.client.DeleteOptions;
import dev.keel.api.client.KubeClient;
import dev.keel.api.client.ListOptions;
import dev.keel.api.client.NotFoundException;
import dev.keel.api.core.Namespace;
import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.meta.Condition;
import dev.keel.apiserver.TestCluster;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A real store + apiserver ({@link TestCluster}, one replica) and a REST client on it, with the steps scheduler
 * tests take: a fresh namespace per test, posting nodes and pods, bounded waits on what the apiserver shows, and
 * removal of the nodes and pods a test made, so tests can share one cluster.
 */
public final class LiveCluster implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(20);

    private final TestCluster cluster;
    private final KubeClient client;
    private final AtomicInteger namespaces = new AtomicInteger();

    private LiveCluster(TestCluster cluster) {
        this.cluster = cluster;
        this.client = KubeClient.create(ClientConfig.of(URI.create(cluster.httpUrl())));
    }

    public static LiveCluster start(Path dir) {
        return new LiveCluster(TestCluster.start(dir, 1));
    }

    public KubeClient client() {
        return client;
    }

    public TestCluster cluster() {
        return cluster;
    }

    /** Creates a namespace named after {@code prefix} plus a counter, and returns its name. */
    public String newNamespace(String prefix) {
        String name = prefix + "-" + namespaces.incrementAndGet();
        client.resource(dev.keel.api.kinds.Kinds.NAMESPACES).create(Namespace.of(name));
        return name;
    }

    public Node addNode(Node node) {
        return client.nodes().create(node);
    }

    public Pod createPod(Pod pod) {
        return client.pods().create(pod);
    }

    public Optional<Pod> pod(String namespace, String name) {
        try {
            return Optional.of(client.pods().get(namespace, name));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The node {@code name} is bound to, once it is. */
    public String awaitBound(String namespace, String name) {
        return await("pod " + namespace + "/" + name + " to be bound",
                () -> pod(namespace, name).map(p -> p.spec().nodeName()));
    }

    /** The pod's PodScheduled condition, once it has one. */
    public Condition awaitScheduledCondition(String namespace, String name, String expectedMessage) {
        return await("pod " + namespace + "/" + name + " to get PodScheduled=False \"" + expectedMessage + "\"",
                () -> pod(namespace, name).flatMap(p -> p.status().conditions().stream()
                        .filter(c -> c.type().equals("PodScheduled") && expectedMessage.equals(c.message()))
                        .findFirst()));
    }

    /** Deletes every node and every pod (at once, grace period 0); for the end of a test. */
    public void deleteAllNodesAndPods() {
        DeleteOptions now = DeleteOptions.defaults().withGracePeriodSeconds(0L);
        for (Pod p : client.pods().listAll(null, ListOptions.all()).items()) {
            deleteQuietly(() -> client.pods().delete(p.metadata().namespace(), p.metadata().name(), now));
        }
        for (Node n : client.nodes().listAll(null, ListOptions.all()).items()) {
            deleteQuietly(() -> client.nodes().delete(null, n.metadata().name(), now));
        }
    }

    private static void deleteQuietly(Runnable delete) {
        try {
            delete.run();
        } catch (NotFoundException e) {
            // gone already
        }
    }

    /** Polls {@code value} until it is present, for at most {@link #WAIT}. */
    public static <T> T await(String what, Supplier<Optional<T>> value) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Optional<T> v = value.get();
            if (v.isPresent()) {
                return v.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** As {@link #await}, on a list: waits until {@code done} holds for it and returns it. */
    public static <T> List<T> awaitAll(String what, Supplier<List<T>> items, Function<List<T>, Boolean> done) {
        return await(what, () -> {
            List<T> l = items.get();
            return done.apply(l) ? Optional.of(l) : Optional.empty();
        });
    }

    @Override
    public void close() {
        client.close();
        cluster.close();
    }
}
