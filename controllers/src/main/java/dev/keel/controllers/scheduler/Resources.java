package dev.keel.controllers.scheduler;

import dev.keel.api.core.Node;
import dev.keel.api.quantity.Quantity;

import java.util.Map;

/**
 * An amount of the resources the scheduler accounts for: CPU in millicores, memory in bytes and a pod count.
 * Quantities are converted as Kubernetes does: CPU by {@code MilliValue()} and memory by {@code Value()}, both
 * rounded up ({@code 0.5m} CPU counts as 1m).
 */
public record Resources(long milliCpu, long memory, long pods) {
    public static final Resources ZERO = new Resources(0, 0, 0);

    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String PODS = "pods";

    public Resources plus(Resources o) {
        return new Resources(milliCpu + o.milliCpu, memory + o.memory, pods + o.pods);
    }

    public Resources minus(Resources o) {
        return new Resources(milliCpu - o.milliCpu, memory - o.memory, pods - o.pods);
    }

    /** The component-wise maximum. */
    public Resources max(Resources o) {
        return new Resources(Math.max(milliCpu, o.milliCpu), Math.max(memory, o.memory), Math.max(pods, o.pods));
    }

    /**
     * What the node offers pods: {@code status.allocatable}, or {@code status.capacity} when the node reports no
     * allocatable at all. A resource missing from both is 0, so a node without {@code pods} admits no pod (as in
     * Kubernetes).
     */
    public static Resources allocatableOf(Node node) {
        Map<String, Quantity> offered = node.status().allocatable().isEmpty()
                ? node.status().capacity() : node.status().allocatable();
        return fromQuantities(offered);
    }

    /** The cpu, memory and pods entries of {@code quantities} (others ignored, missing ones 0). */
    public static Resources fromQuantities(Map<String, Quantity> quantities) {
        return new Resources(milliCpu(quantities.get(CPU)), bytes(quantities.get(MEMORY)),
                bytes(quantities.get(PODS)));
    }

    static long milliCpu(Quantity q) {
        return q == null ? 0 : q.milliValueCeil();
    }

    static long bytes(Quantity q) {
        return q == null ? 0 : q.longValueCeil();
    }
}
