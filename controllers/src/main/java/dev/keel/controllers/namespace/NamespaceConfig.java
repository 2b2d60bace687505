package dev.keel.controllers.namespace;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link NamespaceController}.
 *
 * @param workers     reconcile workers (default 2; kube-controller-manager's --concurrent-namespace-syncs is 10)
 * @param recheck     how soon a terminating namespace whose content is still going is looked at again (default 1 s)
 */
public record NamespaceConfig(int workers, Duration recheck) {
    public NamespaceConfig {
        if (workers <= 0) {
            throw new IllegalArgumentException("namespace workers must be positive, got " + workers);
        }
        Objects.requireNonNull(recheck, "recheck");
        if (recheck.isNegative() || recheck.isZero()) {
            throw new IllegalArgumentException("namespace recheck must be positive, got " + recheck);
        }
    }

    public static NamespaceConfig defaults() {
        return new NamespaceConfig(2, Duration.ofSeconds(1));
    }
}
