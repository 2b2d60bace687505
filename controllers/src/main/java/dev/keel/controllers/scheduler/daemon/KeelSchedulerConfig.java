package dev.keel.controllers.scheduler.daemon;

import dev.keel.api.client.ClientConfig;
import dev.keel.api.informer.InformerConfig;
import dev.keel.controllers.scheduler.loop.SchedulerConfig;

import java.util.Objects;

/**
 * Settings of {@link KeelScheduler}.
 *
 * @param client      how to reach the apiserver (usually read from a kubeconfig)
 * @param scheduling  the scheduling loop: its {@code schedulerName} (default {@code default-scheduler}) is the
 *                    {@code spec.schedulerName} served (pods without one are served too) and the events' source
 * @param informers   list/watch settings of the node and pod informers
 * @param leaderElect run only while holding the Lease {@code kube-system/kube-scheduler} (default false: schedule at
 *                    once, for a single scheduler)
 * @param metricsHost address of the metrics HTTP server (default 127.0.0.1)
 * @param metricsPort port of {@code GET /metrics} (default {@value #DEFAULT_METRICS_PORT}); 0 picks a free one,
 *                    -1 turns it off
 */
public record KeelSchedulerConfig(ClientConfig client, SchedulerConfig scheduling, InformerConfig informers,
                                  boolean leaderElect, String metricsHost, int metricsPort) {
    public static final int DEFAULT_METRICS_PORT = 7259;

    public KeelSchedulerConfig {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(scheduling, "scheduling");
        Objects.requireNonNull(informers, "informers");
        Objects.requireNonNull(metricsHost, "metricsHost");
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new IllegalArgumentException("metricsPort must be -1 (off), 0 (any) or a port, got " + metricsPort);
        }
    }

    /** Defaults for {@code client}: default-scheduler, no leader election, metrics on 127.0.0.1:7259. */
    public static KeelSchedulerConfig of(ClientConfig client) {
        return new KeelSchedulerConfig(client, SchedulerConfig.defaults(), InformerConfig.defaults(), false,
                "127.0.0.1", DEFAULT_METRICS_PORT);
    }

    public KeelSchedulerConfig withScheduling(SchedulerConfig s) {
        return new KeelSchedulerConfig(client, s, informers, leaderElect, metricsHost, metricsPort);
    }

    public KeelSchedulerConfig withSchedulerName(String name) {
        return withScheduling(scheduling.withSchedulerName(name));
    }

    public KeelSchedulerConfig withLeaderElect(boolean on) {
        return new KeelSchedulerConfig(client, scheduling, informers, on, metricsHost, metricsPort);
    }

    public KeelSchedulerConfig withMetrics(String host, int port) {
        return new KeelSchedulerConfig(client, scheduling, informers, leaderElect, host, port);
    }
}
