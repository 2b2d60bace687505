package dev.keel.controllers.testing;

import dev.keel.api.client.ClientConfig;
import dev.keel.api.client.Kubeconfig;
import dev.keel.apiserver.TestCluster;
import dev.keel.controllers.manager.ControllerManagerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Controller-manager configs for tests: one controller, no leader election, metrics on a free port. */
public final class Managers {
    private Managers() {
    }

    public static ClientConfig clientOf(TestCluster cluster) {
        try {
            return Kubeconfig.load(cluster.kubeconfig());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ControllerManagerConfig only(TestCluster cluster, String... controllers) {
        ControllerManagerConfig c = ControllerManagerConfig.of(clientOf(cluster), "test-manager");
        return c.withControllers(List.of(controllers)).withLeaderElection(false, c.leaderElection())
                .withMetrics("127.0.0.1", 0);
    }
}
