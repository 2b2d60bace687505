package dev.keel.apiserver.allocation;

import java.time.Duration;

/**
 * Where Services get their addresses.
 *
 * <p>The default cluster IP range, {@code 127.96.0.0/16}, is inside loopback on purpose: Linux routes all of
 * {@code 127.0.0.0/8} to {@code lo}, so a node's service proxy can bind {@code clusterIP:port} directly, without
 * adding addresses, iptables rules or root, and traffic to a cluster IP never leaves the machine (Keel's tests may
 * only use loopback). The price: cluster IPs are only reachable from the node itself, which holds for Keel's
 * process-based pods; a multi-host network would use a routed range instead.
 *
 * @param clusterIpRange  IPv4 CIDR cluster IPs come from (default {@code 127.96.0.0/16}; its network and broadcast
 *                        addresses are never handed out)
 * @param nodePortMin     lowest node port (default 30000)
 * @param nodePortMax     highest node port (default 32767)
 * @param repairInterval  how often allocations held by no Service are released (default 3 min, as Kubernetes'
 *                        repair loop); they leak only when Services leave the store other than through the API
 */
public record ServiceNetwork(String clusterIpRange, int nodePortMin, int nodePortMax, Duration repairInterval) {
    public ServiceNetwork {
        Ipv4Range.parse(clusterIpRange);
        if (nodePortMin < 1 || nodePortMax > 65535 || nodePortMin > nodePortMax) {
            throw new IllegalArgumentException("node port range " + nodePortMin + "-" + nodePortMax + " is not a "
                    + "range of ports");
        }
        if (repairInterval.isNegative() || repairInterval.isZero()) {
            throw new IllegalArgumentException("repairInterval must be positive");
        }
    }

    public static ServiceNetwork defaults() {
        return new ServiceNetwork("127.96.0.0/16", 30000, 32767, Duration.ofMinutes(3));
    }

    public ServiceNetwork withClusterIpRange(String cidr) {
        return new ServiceNetwork(cidr, nodePortMin, nodePortMax, repairInterval);
    }

    public ServiceNetwork withNodePorts(int min, int max) {
        return new ServiceNetwork(clusterIpRange, min, max, repairInterval);
    }

    public ServiceNetwork withRepairInterval(Duration d) {
        return new ServiceNetwork(clusterIpRange, nodePortMin, nodePortMax, d);
    }

    /** "30000-32767". */
    public String nodePortRange() {
        return nodePortMin + "-" + nodePortMax;
    }
}
