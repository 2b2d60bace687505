package dev.keel.controllers.scheduler.daemon;

import dev.keel.api.client.ClientConfig;
import dev.keel.api.informer.InformerConfig;
import dev.keel.controllers.leaderelection.LeaderElectionConfig;
import dev.keel.controllers.scheduler.loop.SchedulerConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.UUID;

/**
 * Settings of {@link KeelScheduler}.
 *
 * @param client      how to reach the apiserver (usually read from a kubeconfig)
 * @param scheduling  the scheduling loop: its {@code schedulerName} (default {@code default-scheduler}) is the
 *                    {@code spec.schedulerName} served (pods without one are served too) and the events' source
 * @param informers   list/watch settings of the node and pod informers
 * @param leaderElect run only while holding the lease of {@code leaderElection} (default false: schedule at once,
 *                    for a single scheduler)
 * @param leaderElection the lease ({@code kube-system/kube-scheduler}), this instance's identity (host name plus a
 *                    random suffix) and the timings (15 s lease, 10 s renew deadline, 2 s retry)
 * @param metricsHost address of the metrics HTTP server (default 127.0.0.1)
 * @param metricsPort port of {@code GET /metrics} (default {@value #DEFAULT_METRICS_PORT}); 0 picks a free one,
 *                    -1 turns it off
 */
public record KeelSchedulerConfig(ClientConfig client, SchedulerConfig scheduling, InformerConfig informers,
                                  boolean leaderElect, LeaderElectionConfig leaderElection, String metricsHost,
                                  int metricsPort) {
    public static final int DEFAULT_METRICS_PORT = 7259;
    public static final String LEASE_NAMESPACE = "kube-system";
    public static final String LEASE_NAME = "kube-scheduler";

    public KeelSchedulerConfig {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(scheduling, "scheduling");
        Objects.requireNonNull(informers, "informers");
        Objects.requireNonNull(leaderElection, "leaderElection");
        Objects.requireNonNull(metricsHost, "metricsHost");
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new IllegalArgumentException("metricsPort must be -1 (off), 0 (any) or a port, got " + metricsPort);
        }
    }

    /** Defaults for {@code client}: default-scheduler, no leader election, metrics on 127.0.0.1:7259. */
    public static KeelSchedulerConfig of(ClientConfig client) {
        return new KeelSchedulerConfig(client, SchedulerConfig.defaults(), InformerConfig.defaults(), false,
                LeaderElectionConfig.of(LEASE_NAMESPACE, LEASE_NAME, defaultIdentity()), "127.0.0.1",
                DEFAULT_METRICS_PORT);
    }

    /** {@code <host name>_<random uuid>}, so that two schedulers on one host differ. */
    static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "_" + UUID.randomUUID();
    }

    public KeelSchedulerConfig withScheduling(SchedulerConfig s) {
        return new KeelSchedulerConfig(client, s, informers, leaderElect, leaderElection, metricsHost,
                metricsPort);
    }

    public KeelSchedulerConfig withSchedulerName(String name) {
        return withScheduling(scheduling.withSchedulerName(name));
    }

    public KeelSchedulerConfig withLeaderElect(boolean on) {
        return new KeelSchedulerConfig(client, scheduling, informers, on, leaderElection, metricsHost,
                metricsPort);
    }

    public KeelSchedulerConfig withMetrics(String host, int port) {
        return new KeelSchedulerConfig(client, scheduling, informers, leaderElect, leaderElection, host, port);
    }

    public KeelSchedulerConfig withLeaderElection(LeaderElectionConfig election) {
        return new KeelSchedulerConfig(client, scheduling, informers, leaderElect, election, metricsHost,
                metricsPort);
    }

    public KeelSchedulerConfig withInformers(InformerConfig i) {
        return new KeelSchedulerConfig(client, scheduling, i, leaderElect, leaderElection, metricsHost, metricsPort);
    }
}
