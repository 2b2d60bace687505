package dev.keel.controllers.endpoints;

/**
 * Settings of the {@link EndpointsController}.
 *
 * @param workers reconcile workers (default 2; kube-controller-manager's --concurrent-endpoint-syncs is 5)
 */
public record EndpointsConfig(int workers) {
    public EndpointsConfig {
        if (workers <= 0) {
            throw new IllegalArgumentException("endpoints workers must be positive, got " + workers);
        }
    }

    public static EndpointsConfig defaults() {
        return new EndpointsConfig(2);
    }
}
