package dev.keel.controllers.nodelifecycle;

import dev.keel.api.coordination.Lease;
import dev.keel.api.core.Node;
import dev.keel.api.meta.Condition;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When this controller last saw each node's heartbeat change: a new Lease renewTime or a new Ready condition
 * (lastHeartbeatTime or status). Staleness is measured on the controller's own clock from that observation, as
 * Kubernetes' probeTimestamp is, so a skewed clock on the node does not matter. A node seen for the first time
 * counts as just heard from, so after a controller restart a dead node is noticed one grace period later.
 * Thread-safe.
 */
final class Heartbeats {
    private record Seen(Instant renewTime, String readyStamp, Instant observedAt) {
    }

    /** Guarded by {@code this}. */
    private final Map<String, Seen> byNode = new HashMap<>();

    /** Records what {@code node} and its {@code lease} say now; returns when the heartbeat last changed. */
    synchronized Instant observe(Node node, Optional<Lease> lease, Instant now) {
        String name = node.metadata().name();
        Instant renew = lease.map(l -> l.spec().renewTime()).orElse(null);
        String ready = readyStamp(node);
        Seen seen = byNode.get(name);
        if (seen == null || !Objects.equals(seen.renewTime, renew) || !Objects.equals(seen.readyStamp, ready)) {
            seen = new Seen(renew, ready, now);
            byNode.put(name, seen);
        }
        return seen.observedAt;
    }

    synchronized void forget(String node) {
        byNode.remove(node);
    }

    /** The Ready condition's heartbeat and status; our own Unknown write keeps the heartbeat, so it is no beat. */
    private static String readyStamp(Node node) {
        for (Condition c : node.status().conditions()) {
            if (NodeConditions.READY.equals(c.type())) {
                return c.lastHeartbeatTime() + "/" + ("Unknown".equals(c.status()) ? "" : c.status());
            }
        }
        return "";
    }
}
