package dev.keel.controllers.scheduler;

import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.api.core.Taint;
import dev.keel.api.meta.ObjectMeta;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One node as the scheduler sees it during a cycle: the node, the pods on it (bound and assumed), and what they
 * take: {@link #requested()} (the sum of {@link PodRequests#of}, {@code pods} = number of pods), the same with
 * scoring defaults ({@link #nonZeroRequested()}), the {@link #usedPorts()} and the pods per owner
 * ({@link #podsOwnedBy}).
 *
 * <p>Immutable: {@link #withPod} and {@link #withoutPod} return new infos, so a {@link Snapshot} can be read while
 * the cache moves on. Pods are identified by {@code namespace/name}.
 *
 * <p>The filters and scorers read the resource amounts of every node they visit, hundreds per pod; they sit in
 * this object as numbers (one object to load from memory per node, not four), read through the primitive
 * accessors ({@link #allocatableMilliCpu()}, ...). The {@link Resources} accessors build a record on each call.
 */
public final class NodeInfo {
    private final Node node;
    /** The node's name, read once (the tie-break lists the names of every best node). */
    private final String name;
    private final List<Pod> pods;
    private final long allocatableMilliCpu;
    private final long allocatableMemory;
    private final long allocatablePods;
    private final long requestedMilliCpu;
    private final long requestedMemory;
    /** The number of pods: each pod requests one (see {@link PodRequests}). */
    private final long requestedPods;
    private final long nonZeroMilliCpu;
    private final long nonZeroMemory;
    private final UsedPorts usedPorts;
    /** Pods per owner, not counting pods being deleted. */
    private final Map<OwnerKey, Integer> ownerCounts;
    /** Read off the node once: filters test them on every node of every cycle. */
    private final boolean unschedulable;
    private final List<Taint> taints;

    private NodeInfo(Node node, List<Pod> pods, Resources allocatable, Resources requested,
                     Resources nonZeroRequested, UsedPorts usedPorts, Map<OwnerKey, Integer> ownerCounts) {
        this.node = Objects.requireNonNull(node, "node");
        this.name = node.metadata().name();
        this.pods = pods;
        this.allocatableMilliCpu = allocatable.milliCpu();
        this.allocatableMemory = allocatable.memory();
        this.allocatablePods = allocatable.pods();
        this.requestedMilliCpu = requested.milliCpu();
        this.requestedMemory = requested.memory();
        this.requestedPods = requested.pods();
        this.nonZeroMilliCpu = nonZeroRequested.milliCpu();
        this.nonZeroMemory = nonZeroRequested.memory();
        this.usedPorts = usedPorts;
        this.ownerCounts = ownerCounts;
        this.unschedulable = Boolean.TRUE.equals(node.spec().unschedulable());
        this.taints = node.spec().taints();
    }

    /** A copy of {@code o}, equal in every field (see {@link Snapshot#denseCopy()}). */
    private NodeInfo(NodeInfo o) {
        this.node = o.node;
        this.name = o.name;
        this.pods = o.pods;
        this.allocatableMilliCpu = o.allocatableMilliCpu;
        this.allocatableMemory = o.allocatableMemory;
        this.allocatablePods = o.allocatablePods;
        this.requestedMilliCpu = o.requestedMilliCpu;
        this.requestedMemory = o.requestedMemory;
        this.requestedPods = o.requestedPods;
        this.nonZeroMilliCpu = o.nonZeroMilliCpu;
        this.nonZeroMemory = o.nonZeroMemory;
        this.usedPorts = o.usedPorts;
        this.ownerCounts = o.ownerCounts;
        this.unschedulable = o.unschedulable;
        this.taints = o.taints;
    }

    /** A new object with the same content: see {@link Snapshot#denseCopy()}. */
    NodeInfo copy() {
        return new NodeInfo(this);
    }

    /** {@code node} with no pods. */
    public static NodeInfo of(Node node) {
        return new NodeInfo(node, List.of(), Resources.allocatableOf(node), Resources.ZERO, Resources.ZERO,
                UsedPorts.EMPTY, Map.of());
    }

    /** {@code node} with {@code pods} on it. */
    public static NodeInfo of(Node node, List<Pod> pods) {
        NodeInfo info = of(node);
        for (Pod p : pods) {
            info = info.withPod(p);
        }
        return info;
    }

    /** This node with {@code pod} added (replacing a pod with the same key, if any). */
    public NodeInfo withPod(Pod pod) {
        NodeInfo base = withoutPod(pod.metadata().key());
        List<Pod> more = new ArrayList<>(base.pods.size() + 1);
        more.addAll(base.pods);
        more.add(pod);
        return new NodeInfo(node, List.copyOf(more), allocatable(), base.requested().plus(PodRequests.of(pod)),
                base.nonZeroRequested().plus(PodRequests.nonZero(pod)), base.usedPorts.plus(HostPort.ofPod(pod, node)),
                countOwner(base.ownerCounts, pod, 1));
    }

    /** This node without the pod {@code podKey} ({@code namespace/name}); this info if there is none. */
    public NodeInfo withoutPod(String podKey) {
        for (int i = 0; i < pods.size(); i++) {
            Pod p = pods.get(i);
            if (hasKey(p, podKey)) {
                List<Pod> fewer = new ArrayList<>(pods);
                fewer.remove(i);
                return new NodeInfo(node, List.copyOf(fewer), allocatable(), requested().minus(PodRequests.of(p)),
                        nonZeroRequested().minus(PodRequests.nonZero(p)), usedPorts.minus(HostPort.ofPod(p, node)),
                        countOwner(ownerCounts, p, -1));
            }
        }
        return this;
    }

    /** True if {@code pod}'s {@code namespace/name} is {@code key}; builds the key only when the name matches. */
    private static boolean hasKey(Pod pod, String key) {
        ObjectMeta m = pod.metadata();
        return key.endsWith(m.name()) && key.equals(m.key());
    }

    /** This info with the node object replaced (labels, taints or allocatable changed); pods are kept. */
    public NodeInfo withNode(Node newNode) {
        UsedPorts ports = usedPorts;
        if (HostPort.hasPodCidr(node) != HostPort.hasPodCidr(newNode)) { // pods now bind other addresses
            ports = UsedPorts.EMPTY;
            for (Pod p : pods) {
                ports = ports.plus(HostPort.ofPod(p, newNode));
            }
        }
        return new NodeInfo(newNode, pods, Resources.allocatableOf(newNode), requested(), nonZeroRequested(), ports,
                ownerCounts);
    }

    /** How many pods of {@code owner} run here, not counting pods being deleted. */
    public int podsOwnedBy(OwnerKey owner) {
        return ownerCounts.getOrDefault(owner, 0);
    }

    private static Map<OwnerKey, Integer> countOwner(Map<OwnerKey, Integer> counts, Pod pod, int delta) {
        Optional<OwnerKey> owner = OwnerKey.of(pod);
        if (owner.isEmpty() || pod.metadata().deletionTimestamp() != null) {
            return counts;
        }
        Map<OwnerKey, Integer> copy = new HashMap<>(counts);
        copy.merge(owner.get(), delta, (a, b) -> a + b == 0 ? null : a + b);
        return Map.copyOf(copy);
    }

    public String name() {
        return name;
    }

    /**
     * Reads a field near the start, the middle and the end of this object, so that all of it is in the cache
     * afterwards (see {@link Snapshot#touch}); the result means nothing.
     */
    long touch() {
        return requestedPods + (unschedulable ? 1 : 0) + (taints == null ? 1 : 0);
    }

    public Node node() {
        return node;
    }

    /** The node's {@code spec.unschedulable} (cordoned). */
    public boolean unschedulable() {
        return unschedulable;
    }

    /** The node's {@code spec.taints}. */
    public List<Taint> taints() {
        return taints;
    }

    public List<Pod> pods() {
        return pods;
    }

    /** What the node offers pods ({@link Resources#allocatableOf}); a new record per call. */
    public Resources allocatable() {
        return new Resources(allocatableMilliCpu, allocatableMemory, allocatablePods);
    }

    /** What the pods here request ({@link PodRequests#of}, summed); a new record per call. */
    public Resources requested() {
        return new Resources(requestedMilliCpu, requestedMemory, requestedPods);
    }

    /** What the pods here request with the scoring defaults ({@link PodRequests#nonZero}); a new record per call. */
    public Resources nonZeroRequested() {
        return new Resources(nonZeroMilliCpu, nonZeroMemory, requestedPods);
    }

    public long allocatableMilliCpu() {
        return allocatableMilliCpu;
    }

    public long allocatableMemory() {
        return allocatableMemory;
    }

    /** How many pods the node admits. */
    public long allocatablePods() {
        return allocatablePods;
    }

    public long requestedMilliCpu() {
        return requestedMilliCpu;
    }

    public long requestedMemory() {
        return requestedMemory;
    }

    /** The number of pods here, as {@code requested().pods()}. */
    public long podCount() {
        return requestedPods;
    }

    public long nonZeroMilliCpu() {
        return nonZeroMilliCpu;
    }

    public long nonZeroMemory() {
        return nonZeroMemory;
    }

    public UsedPorts usedPorts() {
        return usedPorts;
    }

    @Override
    public String toString() {
        return "NodeInfo{" + name + ", pods=" + pods.size() + ", requested=" + requested() + ", allocatable="
                + allocatable() + ", ports=" + usedPorts + "}";
    }
}
