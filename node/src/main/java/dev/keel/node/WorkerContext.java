package dev.keel.node;

import dev.keel.api.client.KubeClient;
import dev.keel.node.logs.LogPaths;
import dev.keel.node.runtime.ContainerRuntime;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What every pod worker of an agent shares.
 *
 * @param nodeEnv the agent's own environment (PATH, HOME, LANG are passed on to containers)
 * @param prober  the current prober ({@link Prober#NONE} until one is attached)
 */
record WorkerContext(NodeAgentConfig config, KubeClient client, ContainerRuntime runtime, LogPaths logs,
                     ScheduledExecutorService executor, Clock clock, Map<String, String> nodeEnv,
                     Supplier<Prober> prober) {

    CrashLoopBackoff backoff() {
        return new CrashLoopBackoff(config.backoffBase(), config.backoffMax(), config.backoffReset());
    }
}
