package dev.keel.node;

import dev.keel.api.client.KubeClient;
import dev.keel.api.events.EventRecorder;
import dev.keel.node.logs.LogPaths;
import dev.keel.node.runtime.ContainerRuntime;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every pod worker of an agent shares.
 *
 * @param nodeEnv the agent's own environment (PATH, HOME, LANG are passed on to containers)
 * @param probes  the container probes ({@link PodProbes#none()} for the hollow runtime)
 * @param events  where pod events go (probe failures, kills); empty: not recorded
 * @param addresses the pods' addresses
 */
record WorkerContext(NodeAgentConfig config, KubeClient client, ContainerRuntime runtime, LogPaths logs,
                     ScheduledExecutorService executor, Clock clock, Map<String, String> nodeEnv,
                     PodProbes probes, Optional<EventRecorder> events, PodAddresses addresses) {

    CrashLoopBackoff backoff() {
        return new CrashLoopBackoff(config.backoffBase(), config.backoffMax(), config.backoffReset());
    }
}
