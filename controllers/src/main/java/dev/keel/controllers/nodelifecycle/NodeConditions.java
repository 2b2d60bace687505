package dev.keel.controllers.nodelifecycle;

import dev.keel.api.core.Node;
import dev.keel.api.meta.Condition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node conditions this controller owns when the agent goes quiet: Ready, MemoryPressure, DiskPressure and
 * PIDPressure become Unknown with reason {@code NodeStatusUnknown} ("Kubelet stopped posting node status."), keeping
 * their lastHeartbeatTime; one the agent never posted is added as Unknown with reason
 * {@code NodeStatusNeverUpdated}. Other conditions are left as they are.
 */
final class NodeConditions {
    static final String READY = "Ready";
    static final String UNKNOWN_REASON = "NodeStatusUnknown";
    static final String UNKNOWN_MESSAGE = "Kubelet stopped posting node status.";
    static final String NEVER_REASON = "NodeStatusNeverUpdated";
    static final String NEVER_MESSAGE = "Kubelet never posted node status.";
    private static final List<String> OWNED = List.of(READY, "MemoryPressure", "DiskPressure", "PIDPressure");

    private NodeConditions() {
    }

    /**
     * The Ready condition's status ("True", "False", "Unknown"), or "None" when the agent never posted one (a node
     * just registered: it is neither tainted nor marked until its grace period runs out).
     */
    static String readyStatus(Node node) {
        return ready(node).map(Condition::status).orElse(NONE);
    }

    static final String NONE = "None";

    static Optional<Condition> ready(Node node) {
        return node.status().conditions().stream().filter(c -> READY.equals(c.type())).findFirst();
    }

    /** True when every owned condition is already Unknown. */
    static boolean allUnknown(Node node) {
        return OWNED.stream().allMatch(t -> node.status().conditions().stream()
                .anyMatch(c -> t.equals(c.type()) && "Unknown".equals(c.status())));
    }

    /** The conditions with every owned one Unknown as of {@code now}. */
    static List<Condition> markedUnknown(Node node, Instant now) {
        List<Condition> out = new ArrayList<>();
        List<String> missing = new ArrayList<>(OWNED);
        for (Condition c : node.status().conditions()) {
            if (!OWNED.contains(c.type())) {
                out.add(c);
                continue;
            }
            missing.remove(c.type());
            if ("Unknown".equals(c.status())) {
                out.add(c);
            } else {
                out.add(new Condition(c.type(), "Unknown", c.lastProbeTime(), c.lastHeartbeatTime(),
                        c.lastUpdateTime(), now, UNKNOWN_REASON, UNKNOWN_MESSAGE, c.unknownFields()));
            }
        }
        for (String type : missing) {
            out.add(new Condition(type, "Unknown", null, now, null, now, NEVER_REASON, NEVER_MESSAGE, Map.of()));
        }
        return out;
    }
}
