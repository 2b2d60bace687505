package dev.keel.controllers.scheduler;

import dev.keel.api.core.Container;
import dev.keel.api.core.Pod;
import dev.keel.api.quantity.Quantity;

import java.util.Map;

/**
 * A pod's resource requests as Kubernetes computes them: per resource, the larger of the sum over the regular
 * containers (they run together) and the largest single init container (they run one at a time, before the
 * others). Example: containers asking 100m and 200m and init containers asking 250m and 50m request
 * {@code max(300m, 250m) = 300m}. The {@code pods} component is always 1.
 *
 * <p>Limits are not read: the api's defaulting already copies limits into absent requests.
 */
public final class PodRequests {
    /** CPU assumed for a container without a cpu request, for scoring only (Kubernetes' 0.1 core). */
    public static final long DEFAULT_MILLI_CPU = 100;
    /** Memory assumed for a container without a memory request, for scoring only (Kubernetes' 200 MiB). */
    public static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    private PodRequests() {
    }

    /** What the pod requests; the filter compares this with the node's free allocatable. */
    public static Resources of(Pod pod) {
        return compute(pod, false);
    }

    /**
     * The requests with defaults for containers that request nothing ({@link #DEFAULT_MILLI_CPU},
     * {@link #DEFAULT_MEMORY}), so that scoring spreads pods without requests instead of piling them onto one
     * node. An explicit request of 0 stays 0.
     */
    public static Resources nonZero(Pod pod) {
        return compute(pod, true);
    }

    private static Resources compute(Pod pod, boolean nonZero) {
        Resources sum = Resources.ZERO;
        for (Container c : pod.spec().containers()) {
            sum = sum.plus(container(c, nonZero));
        }
        Resources maxInit = Resources.ZERO;
        for (Container c : pod.spec().initContainers()) {
            maxInit = maxInit.max(container(c, nonZero));
        }
        Resources r = sum.max(maxInit);
        return new Resources(r.milliCpu(), r.memory(), 1);
    }

    private static Resources container(Container c, boolean nonZero) {
        Map<String, Quantity> requests = c.resources().requests();
        Quantity cpu = requests.get(Resources.CPU);
        Quantity memory = requests.get(Resources.MEMORY);
        long milliCpu = cpu != null ? Resources.milliCpu(cpu) : nonZero ? DEFAULT_MILLI_CPU : 0;
        long bytes = memory != null ? Resources.bytes(memory) : nonZero ? DEFAULT_MEMORY : 0;
        return new Resources(milliCpu, bytes, 0);
    }
}
