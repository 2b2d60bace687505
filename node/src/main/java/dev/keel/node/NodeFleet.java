package dev.keel.node;

import dev.keel.api.client.KubeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code count} node agents in one JVM, named {@code <name>-0 .. <name>-<count-1>}, sharing one client, one
 * executor and one pod informer ({@link FleetPods}: a single watch of the bound pods instead of one per agent), as
 * {@code keel node --runtime hollow --count K} runs for scale tests. Each agent gets its own data directory
 * {@code <dataDir>/<node name>}; agents after the first one use the next ports when a fixed port is set.
 */
public final class NodeFleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeFleet.class);
    /** Agents registering at the same time while the fleet starts (each start waits for a few API calls). */
    private static final int PARALLEL_STARTS = 16;
    private static final Duration SYNC_WAIT = Duration.ofSeconds(60);

    private final List<NodeAgent> agents = new ArrayList<>();
    private final ScheduledExecutorService executor;
    private final FleetPods pods;

    /**
     * @param template the config of every agent (its name is the prefix)
     * @param threads  threads of the shared executor
     */
    public NodeFleet(NodeAgentConfig template, int count, KubeClient client, int threads) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        this.executor = Executors.newScheduledThreadPool(threads, daemon("node-fleet-"));
        this.pods = new FleetPods(client, executor);
        for (int i = 0; i < count; i++) {
            String name = template.nodeName() + "-" + i;
            int port = template.port() > 0 ? template.port() + i : template.port();
            NodeAgentConfig c = template.withNodeName(name).withPort(port)
                    .withDataDir(template.dataDir().resolve(name));
            agents.add(new NodeAgent(c, client, executor, Clock.systemUTC(), pods));
        }
    }

    /**
     * Lists the bound pods once, then starts the agents, {@value #PARALLEL_STARTS} at a time; on a failure closes
     * everything and rethrows the first failure.
     */
    public NodeFleet start() {
        ExecutorService starters = Executors.newFixedThreadPool(Math.min(PARALLEL_STARTS, agents.size()),
                daemon("node-fleet-start-"));
        try {
            if (!pods.start(SYNC_WAIT)) {
                throw new IllegalStateException("the fleet's pod list did not arrive within " + SYNC_WAIT);
            }
            List<Future<NodeAgent>> starts = new ArrayList<>();
            for (NodeAgent a : agents) {
                starts.add(starters.submit(a::start));
            }
            RuntimeException failure = null;
            for (Future<NodeAgent> f : starts) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException("starting a node agent failed", e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting the fleet", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            starters.shutdownNow();
        }
        LOG.info("started {} node agents {} .. {}", agents.size(), agents.get(0).nodeName(),
                agents.get(agents.size() - 1).nodeName());
        return this;
    }

    public List<NodeAgent> agents() {
        return List.copyOf(agents);
    }

    @Override
    public void close() {
        for (int i = agents.size() - 1; i >= 0; i--) {
            agents.get(i).close();
        }
        pods.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
