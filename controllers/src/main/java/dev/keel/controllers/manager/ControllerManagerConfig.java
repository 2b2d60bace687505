package dev.keel.controllers.manager;

import dev.keel.api.client.ClientConfig;
import dev.keel.api.informer.InformerConfig;
import dev.keel.controllers.endpoints.EndpointsConfig;
import dev.keel.controllers.gc.GcConfig;
import dev.keel.controllers.leaderelection.LeaderElectionConfig;
import dev.keel.controllers.namespace.NamespaceConfig;
import dev.keel.controllers.nodelifecycle.NodeLifecycleConfig;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of a {@link ControllerManager}.
 *
 * @param client         how to reach the apiserver (usually from a kubeconfig)
 * @param controllers    which controllers run, kube-controller-manager's {@code --controllers}: {@code *} is every
 *                       default one, {@code name} adds one, {@code -name} removes one (default {@code [*]})
 * @param leaderElect    campaign for {@code leaderElection}'s lease and run the controllers only while holding it
 *                       (default true, as kube-controller-manager); false runs them at once
 * @param leaderElection the lease (default {@code kube-system/kube-controller-manager}, identity host_uuid)
 * @param metricsHost    address of the metrics endpoint (default 127.0.0.1)
 * @param metricsPort    port of {@code /metrics} and {@code /healthz}; 0 picks a free one, -1 turns it off (default
 *                       10257, kube-controller-manager's port)
 * @param syncTimeout    how long start() waits for the informers' first lists without leader election (default 60 s)
 * @param informers      settings of the shared informers
 * @param nodeLifecycle  settings of the node lifecycle controller
 * @param endpoints      settings of the endpoints controller
 * @param namespace      settings of the namespace controller
 * @param gc             settings of the garbage collector
 */
public record ControllerManagerConfig(ClientConfig client, List<String> controllers, boolean leaderElect,
                                      LeaderElectionConfig leaderElection, String metricsHost, int metricsPort,
                                      Duration syncTimeout, InformerConfig informers,
                                      NodeLifecycleConfig nodeLifecycle, EndpointsConfig endpoints,
                                      NamespaceConfig namespace, GcConfig gc) {
    public static final String LEASE_NAMESPACE = "kube-system";
    public static final String LEASE_NAME = "kube-controller-manager";
    public static final int DEFAULT_METRICS_PORT = 10257;

    public ControllerManagerConfig {
        Objects.requireNonNull(client, "client");
        controllers = List.copyOf(controllers);
        Objects.requireNonNull(leaderElection, "leaderElection");
        Objects.requireNonNull(metricsHost, "metricsHost");
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new IllegalArgumentException("metrics port must be -1 (off), 0 (any) or a port, got " + metricsPort);
        }
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        Objects.requireNonNull(informers, "informers");
        Objects.requireNonNull(nodeLifecycle, "nodeLifecycle");
        Objects.requireNonNull(endpoints, "endpoints");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(gc, "gc");
    }

    /** The defaults above, talking to {@code client}, with identity {@code identity} in leader election. */
    public static ControllerManagerConfig of(ClientConfig client, String identity) {
        return new ControllerManagerConfig(client, List.of("*"), true,
                LeaderElectionConfig.of(LEASE_NAMESPACE, LEASE_NAME, identity), "127.0.0.1", DEFAULT_METRICS_PORT,
                Duration.ofSeconds(60), InformerConfig.defaults(), NodeLifecycleConfig.defaults(),
                EndpointsConfig.defaults(), NamespaceConfig.defaults(), GcConfig.defaults());
    }

    /** Whether the controller {@code name} runs, given the names of the default ones. */
    public boolean enabled(String name, Set<String> defaults) {
        if (controllers.contains("-" + name)) {
            return false;
        }
        return controllers.contains(name) || (controllers.contains("*") && defaults.contains(name));
    }

    public ControllerManagerConfig withControllers(List<String> c) {
        return new ControllerManagerConfig(client, c, leaderElect, leaderElection, metricsHost, metricsPort,
                syncTimeout, informers, nodeLifecycle, endpoints, namespace, gc);
    }

    public ControllerManagerConfig withLeaderElection(boolean elect, LeaderElectionConfig le) {
        return new ControllerManagerConfig(client, controllers, elect, le, metricsHost, metricsPort, syncTimeout,
                informers, nodeLifecycle, endpoints, namespace, gc);
    }

    public ControllerManagerConfig withMetrics(String host, int port) {
        return new ControllerManagerConfig(client, controllers, leaderElect, leaderElection, host, port, syncTimeout,
                informers, nodeLifecycle, endpoints, namespace, gc);
    }

    public ControllerManagerConfig withNodeLifecycle(NodeLifecycleConfig c) {
        return new ControllerManagerConfig(client, controllers, leaderElect, leaderElection, metricsHost, metricsPort,
                syncTimeout, informers, c, endpoints, namespace, gc);
    }

    public ControllerManagerConfig withEndpoints(EndpointsConfig c) {
        return new ControllerManagerConfig(client, controllers, leaderElect, leaderElection, metricsHost, metricsPort,
                syncTimeout, informers, nodeLifecycle, c, namespace, gc);
    }

    public ControllerManagerConfig withNamespace(NamespaceConfig c) {
        return new ControllerManagerConfig(client, controllers, leaderElect, leaderElection, metricsHost, metricsPort,
                syncTimeout, informers, nodeLifecycle, endpoints, c, gc);
    }

    public ControllerManagerConfig withGc(GcConfig c) {
        return new ControllerManagerConfig(client, controllers, leaderElect, leaderElection, metricsHost, metricsPort,
                syncTimeout, informers, nodeLifecycle, endpoints, namespace, c);
    }
}
