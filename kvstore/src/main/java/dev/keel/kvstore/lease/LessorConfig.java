package dev.keel.kvstore.lease;

import java.time.Duration;

/**
 * Lease expiry settings.
 *
 * @param minTtlSeconds granted TTLs are raised to this (etcd: ceil(1.5 x election timeout), 2 s
 *     with its defaults; default 2)
 * @param checkInterval how often the leader looks for expired leases (etcd: 500 ms)
 */
public record LessorConfig(long minTtlSeconds, Duration checkInterval) {

  /** etcd's largest lease TTL in seconds. */
  public static final long MAX_TTL_SECONDS = 9_000_000_000L;

  public LessorConfig {
    if (minTtlSeconds < 1 || checkInterval.isNegative() || checkInterval.isZero()) {
      throw new IllegalArgumentException("minTtlSeconds must be >= 1 and checkInterval > 0, got "
          + minTtlSeconds + "/" + checkInterval);
    }
  }

  public static LessorConfig defaults() {
    return new LessorConfig(2, Duration.ofMillis(500));
  }
}
