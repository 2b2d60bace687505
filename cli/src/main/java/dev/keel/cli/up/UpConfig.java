package dev.keel.cli.up;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@code keel up} starts, on loopback, in one process.
 *
 * @param dataDir                store replicas, apiserver (certificates, tokens), node agent data, the kubeconfig
 * @param replicas               store replicas, 1 or 3
 * @param storePort              first store client port to try (each replica takes a free client+peer pair)
 * @param apiPort                first apiserver HTTPS port to try
 * @param nodeName               the node agent's Node name
 * @param podCidr                loopback range the node gives its pods their addresses from
 * @param nodeMonitorGracePeriod how long a node may go without renewing its Lease before it is NotReady
 * @param podEvictionTimeout     how long pods stay on a NotReady/unreachable node before eviction
 * @param node                   whether to run the node agent (false: control plane only)
 */
public record UpConfig(Path dataDir, int replicas, int storePort, int apiPort, String nodeName, String podCidr,
                       Duration nodeMonitorGracePeriod, Duration podEvictionTimeout, boolean node) {
  public static final int DEFAULT_API_PORT = 7443;
  public static final String DEFAULT_POD_CIDR = "127.101.1.0/24";

  public UpConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    if (replicas != 1 && replicas != 3) {
      throw new IllegalArgumentException("--replicas must be 1 or 3, got " + replicas);
    }
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(podCidr, "podCidr");
    Objects.requireNonNull(nodeMonitorGracePeriod, "nodeMonitorGracePeriod");
    Objects.requireNonNull(podEvictionTimeout, "podEvictionTimeout");
  }
}
