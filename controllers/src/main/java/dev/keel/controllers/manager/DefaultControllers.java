package dev.keel.controllers.manager;

import dev.keel.controllers.deployment.DeploymentController;
import dev.keel.controllers.deployment.DeploymentControllerConfig;
import dev.keel.controllers.replicaset.ReplicaSetController;
import dev.keel.controllers.replicaset.ReplicaSetControllerConfig;
import dev.keel.controllers.endpoints.EndpointsController;
import dev.keel.controllers.gc.GarbageCollector;
import dev.keel.controllers.namespace.NamespaceController;
import dev.keel.controllers.nodelifecycle.NodeLifecycleController;

import java.util.ArrayList;
import java.util.List;

/** The controllers a manager runs by default, built from its config. */
public final class DefaultControllers {
    private DefaultControllers() {
    }

    public static List<ControllerFactory> of(ControllerManagerConfig config) {
        List<ControllerFactory> all = new ArrayList<>();
        all.add(new ControllerFactory(NodeLifecycleController.NAME,
                ctx -> new NodeLifecycleController(ctx, config.nodeLifecycle())));
        all.add(new ControllerFactory(EndpointsController.NAME,
                ctx -> new EndpointsController(ctx, config.endpoints())));
        all.add(new ControllerFactory(NamespaceController.NAME,
                ctx -> new NamespaceController(ctx, config.namespace())));
        all.add(new ControllerFactory(GarbageCollector.NAME, ctx -> new GarbageCollector(ctx, config.gc())));
        all.add(new ControllerFactory(ReplicaSetController.NAME,
                ctx -> new ReplicaSetController(ctx, ReplicaSetControllerConfig.defaults())));
        all.add(new ControllerFactory(DeploymentController.NAME,
                ctx -> new DeploymentController(ctx, DeploymentControllerConfig.defaults())));
        return all;
    }
}
