package dev.keel.node;

import dev.keel.api.client.KubeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code count} node agents in one JVM, named {@code <name>-0 .. <name>-<count-1>}, sharing one client and one
 * executor (what {@code keel node --runtime hollow --count K} runs for scale tests). Each agent gets its own data
 * directory {@code <dataDir>/<node name>}; agents after the first one use the next ports when a fixed port is set.
 */
public final class NodeFleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeFleet.class);

    private final List<NodeAgent> agents = new ArrayList<>();
    private final ScheduledExecutorService executor;

    /**
     * @param template the config of every agent (its name is the prefix)
     * @param threads  threads of the shared executor
     */
    public NodeFleet(NodeAgentConfig template, int count, KubeClient client, int threads) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "node-fleet-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < count; i++) {
            String name = template.nodeName() + "-" + i;
            int port = template.port() > 0 ? template.port() + i : template.port();
            NodeAgentConfig c = template.withNodeName(name).withPort(port)
                    .withDataDir(template.dataDir().resolve(name));
            agents.add(new NodeAgent(c, client, executor, Clock.systemUTC()));
        }
    }

    /** Starts the agents one after the other; on a failure closes those started and rethrows. */
    public NodeFleet start() {
        try {
            for (NodeAgent a : agents) {
                a.start();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
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
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
