package dev.keel.kvstore.raft;

import dev.keel.kvstore.lease.LessorConfig;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of {@link RaftKvService}.
 *
 * @param requestTimeout bound on every request, after which it fails with etcd's "request timed
 *     out" (default 5 s + 2 x election timeout, as etcd)
 * @param batching how writes are coalesced into log entries
 * @param lessor lease TTL floor and expiry check interval
 * @param clientUrls etcd client URL of each member by peer id, for MemberList (members without
 *     one are listed without client URLs)
 * @param maxRequestBytes largest accepted write request (etcd: 1.5 MiB)
 */
public record RaftKvServiceConfig(
    Duration requestTimeout,
    BatchingConfig batching,
    LessorConfig lessor,
    Map<String, String> clientUrls,
    int maxRequestBytes) {

  public RaftKvServiceConfig {
    clientUrls = Map.copyOf(clientUrls);
    if (requestTimeout.isNegative() || requestTimeout.isZero() || maxRequestBytes < 1) {
      throw new IllegalArgumentException("requestTimeout and maxRequestBytes must be > 0, got "
          + requestTimeout + "/" + maxRequestBytes);
    }
  }

  public static RaftKvServiceConfig defaults(RaftSettings settings) {
    Duration timeout = Duration.ofSeconds(5).plus(settings.electionTimeoutMax().multipliedBy(2));
    return new RaftKvServiceConfig(timeout, BatchingConfig.defaults(), LessorConfig.defaults(),
        Map.of(), dev.keel.kvstore.api.StoreConfig.DEFAULT_MAX_REQUEST_BYTES);
  }

  public RaftKvServiceConfig withClientUrls(Map<String, String> urls) {
    return new RaftKvServiceConfig(requestTimeout, batching, lessor, urls, maxRequestBytes);
  }

  public RaftKvServiceConfig withLessor(LessorConfig config) {
    return new RaftKvServiceConfig(requestTimeout, batching, config, clientUrls, maxRequestBytes);
  }

  public RaftKvServiceConfig withBatching(BatchingConfig config) {
    return new RaftKvServiceConfig(requestTimeout, config, lessor, clientUrls, maxRequestBytes);
  }
}
