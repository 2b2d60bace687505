package dev.keel.controllers.leaderelection;

import java.time.Duration;
import java.util.Objects;

/**
 * Leader election through a coordination.k8s.io/v1 Lease {@code namespace/leaseName}, with client-go's defaults:
 * a candidate takes the lease once its holder has not renewed it for {@code leaseDuration} (measured on the
 * candidate's own clock from when it last saw the lease change, so clock skew does not matter); the leader renews
 * every {@code retryPeriod} and steps down when it could not renew for {@code renewDeadline}.
 */
public record LeaderElectionConfig(String namespace, String leaseName, String identity, Duration leaseDuration,
                                   Duration renewDeadline, Duration retryPeriod) {
    public LeaderElectionConfig {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(leaseName, "leaseName");
        Objects.requireNonNull(identity, "identity");
        if (identity.isBlank()) {
            throw new IllegalArgumentException("leader election identity must not be empty");
        }
        if (!(leaseDuration.compareTo(renewDeadline) > 0 && renewDeadline.compareTo(retryPeriod) > 0
                && !retryPeriod.isNegative() && !retryPeriod.isZero())) {
            throw new IllegalArgumentException("leader election needs leaseDuration > renewDeadline > retryPeriod > 0,"
                    + " got " + leaseDuration + ", " + renewDeadline + ", " + retryPeriod);
        }
    }

    /** Lease duration 15 s, renew deadline 10 s, retry period 2 s. */
    public static LeaderElectionConfig of(String namespace, String leaseName, String identity) {
        return new LeaderElectionConfig(namespace, leaseName, identity, Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    public LeaderElectionConfig withTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        return new LeaderElectionConfig(namespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod);
    }

    public LeaderElectionConfig withIdentity(String identity) {
        return new LeaderElectionConfig(namespace, leaseName, identity, leaseDuration, renewDeadline, retryPeriod);
    }
}
