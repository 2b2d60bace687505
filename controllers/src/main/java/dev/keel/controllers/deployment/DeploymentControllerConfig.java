package dev.keel.controllers.deployment;

/**
 * Settings of the {@link DeploymentController}.
 *
 * @param workers concurrent syncs of different Deployments (default 5)
 */
public record DeploymentControllerConfig(int workers) {
    public DeploymentControllerConfig {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
    }

    public static DeploymentControllerConfig defaults() {
        return new DeploymentControllerConfig(5);
    }

    public DeploymentControllerConfig withWorkers(int n) {
        return new DeploymentControllerConfig(n);
    }
}
