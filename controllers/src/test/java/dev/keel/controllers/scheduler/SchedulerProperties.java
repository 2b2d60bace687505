package dev.keel.controllers.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerPort;
import dev.keel.api.core.Node;
import dev.keel.api.core.NodeSpec;
import dev.keel.api.core.NodeStatus;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.ResourceRequirements;
import dev.keel.api.core.Taint;
import dev.keel.api.core.Toleration;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.api.quantity.Quantity;
import dev.keel.controllers.scheduler.plugins.DefaultProfile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Properties of the filters and the framework against a naive model of "the pod fits the node": enough pods,
 * cpu and memory left, no shared port, every NoSchedule/NoExecute taint tolerated, every selector label present,
 * not cordoned. Small value domains make conflicts frequent.
 */
class SchedulerProperties {
    private static final List<String> LABEL_KEYS = List.of("zone", "disk");
    private static final List<String> LABEL_VALUES = List.of("a", "b");
    private static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final String CORDON_KEY = "node.kubernetes.io/unschedulable";

    /** A pod as the model sees it. Ports are "PROTO/number". */
    record PodModel(int milliCpu, int memoryMi, Set<String> ports, Map<String, String> selector,
                    List<Toleration> tolerations) {
        Pod toPod(String name, String nodeName) {
            Map<String, Quantity> requests = new LinkedHashMap<>();
            if (milliCpu > 0) {
                requests.put("cpu", Quantity.ofMillis(milliCpu));
            }
            if (memoryMi > 0) {
                requests.put("memory", Quantity.ofBytes((long) memoryMi << 20));
            }
            List<ContainerPort> cports = ports.stream().map(p -> new ContainerPort(null, null,
                    Integer.parseInt(p.substring(4)), p.substring(0, 3), null, Map.of())).toList();
            Container c = Container.builder().name("c").image("i:1").ports(cports)
                    .resources(ResourceRequirements.of(requests, Map.of())).build();
            PodSpec spec = PodSpec.builder().containers(List.of(c)).nodeSelector(selector).tolerations(tolerations)
                    .nodeName(nodeName).build();
            return Pod.of(ObjectMeta.of("default", name), spec);
        }
    }

    record NodeModel(int milliCpu, int memoryMi, int pods, Map<String, String> labels, List<Taint> taints,
                     boolean cordoned, List<PodModel> running) {
        Node toNode(String name) {
            Map<String, Quantity> alloc = Map.of("cpu", Quantity.ofMillis(milliCpu),
                    "memory", Quantity.ofBytes((long) memoryMi << 20), "pods", Quantity.of(pods));
            return Node.of(ObjectMeta.builder().name(name).labels(labels).build(),
                    NodeSpec.EMPTY.withTaints(taints).withUnschedulable(cordoned),
                    NodeStatus.builder().allocatable(alloc).build());
        }

        NodeInfo toInfo(String name) {
            List<Pod> pods = new ArrayList<>();
            for (int i = 0; i < running.size(); i++) {
                pods.add(running.get(i).toPod(name + "-running-" + i, name));
            }
            return NodeInfo.of(toNode(name), pods);
        }
    }

    // ---- the model ------------------------------------------------------------------------------------------

    static boolean modelFits(PodModel pod, NodeModel node) {
        int cpu = node.running.stream().mapToInt(PodModel::milliCpu).sum();
        int mem = node.running.stream().mapToInt(PodModel::memoryMi).sum();
        Set<String> used = new HashSet<>();
        node.running.forEach(r -> used.addAll(r.ports()));
        boolean ports = pod.ports.stream().noneMatch(used::contains);
        boolean count = node.running.size() + 1 <= node.pods;
        boolean cpuOk = pod.milliCpu == 0 || cpu + pod.milliCpu <= node.milliCpu;
        boolean memOk = pod.memoryMi == 0 || mem + pod.memoryMi <= node.memoryMi;
        boolean labels = pod.selector.entrySet().stream()
                .allMatch(e -> e.getValue().equals(node.labels.get(e.getKey())));
        boolean taints = node.taints.stream().filter(t -> !t.effect().equals("PreferNoSchedule"))
                .allMatch(t -> modelTolerated(pod.tolerations, t));
        boolean cordon = !node.cordoned || modelTolerated(pod.tolerations, Taint.of(CORDON_KEY, null, "NoSchedule"));
        return ports && count && cpuOk && memOk && labels && taints && cordon;
    }

    /** Tolerations are generated valid: an empty key only with Exists. */
    static boolean modelTolerated(List<Toleration> tolerations, Taint taint) {
        return tolerations.stream().anyMatch(t ->
                (t.effect() == null || t.effect().equals(taint.effect()))
                        && (t.key().isEmpty() || t.key().equals(taint.key()))
                        && (t.operator().equals("Exists") || String.valueOf(t.value()).equals(String.valueOf(taint.value()))));
    }

    // ---- properties -----------------------------------------------------------------------------------------

    @Property(tries = 300)
    void theFiltersAdmitANodeExactlyWhenThePodFitsIt(@ForAll("pods") PodModel pod, @ForAll("nodes") NodeModel node) {
        Framework f = new Framework(DefaultProfile.create(), TieBreaker.byNodeName());
        boolean admitted = f.runFilters(new CycleState(), pod.toPod("incoming", null), node.toInfo("n")).isEmpty();
        Statistics.label("fits").collect(admitted);
        assertEquals(modelFits(pod, node), admitted, () -> "pod " + pod + "\nnode " + node);
    }

    @Property(tries = 200)
    void theChosenNodeIsAlwaysFeasibleAndNoFitIsMissed(@ForAll("pods") PodModel pod,
                                                      @ForAll @Size(min = 1, max = 6) List<@From("nodes") NodeModel> nodes,
                                                      @ForAll long seed) {
        List<NodeInfo> infos = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            infos.add(nodes.get(i).toInfo("n" + i));
        }
        Framework f = new Framework(DefaultProfile.create(), TieBreaker.random(new Random(seed)));
        ScheduleResult r = f.schedule(pod.toPod("incoming", null), Snapshot.of(infos));
        boolean anyFits = nodes.stream().anyMatch(n -> modelFits(pod, n));
        Statistics.label("scheduled").collect(r instanceof ScheduleResult.Scheduled);
        if (r instanceof ScheduleResult.Scheduled s) {
            int index = Integer.parseInt(s.nodeName().substring(1));
            assertTrue(modelFits(pod, nodes.get(index)), () -> "chose " + s.nodeName() + " which does not fit");
        } else {
            assertTrue(r instanceof ScheduleResult.Unschedulable, () -> "unexpected " + r);
            assertTrue(!anyFits, "a node fits but the pod was found unschedulable");
        }
    }

    @Property(tries = 100)
    void schedulingPodsOneAfterAnotherNeverOvercommitsANode(
            @ForAll @Size(min = 1, max = 4) List<@From("emptyNodes") NodeModel> nodes,
            @ForAll @Size(max = 25) List<@From("pods") PodModel> pods) {
        List<NodeInfo> infos = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            infos.add(NodeInfo.of(nodes.get(i).toNode("n" + i)));
        }
        Snapshot snapshot = Snapshot.of(infos);
        Framework f = new Framework(DefaultProfile.create(), TieBreaker.byNodeName());
        for (int i = 0; i < pods.size(); i++) {
            Pod p = pods.get(i).toPod("p" + i, null);
            if (f.schedule(p, snapshot) instanceof ScheduleResult.Scheduled s) {
                NodeInfo target = snapshot.get(s.nodeName()).orElseThrow();
                snapshot = snapshot.with(target.withPod(p.withSpec(p.spec().withNodeName(s.nodeName()))));
            }
        }
        for (NodeInfo n : snapshot.nodeInfos()) {
            Resources req = n.requested();
            Resources alloc = n.allocatable();
            assertTrue(req.pods() <= alloc.pods(), () -> "too many pods on " + n);
            assertTrue(req.milliCpu() <= alloc.milliCpu(), () -> "cpu over-committed on " + n);
            assertTrue(req.memory() <= alloc.memory(), () -> "memory over-committed on " + n);
            List<HostPort> all = new ArrayList<>();
            n.pods().forEach(p -> all.addAll(HostPort.ofPod(p)));
            assertEquals(all.size(), new HashSet<>(all).size(), () -> "port bound twice on " + n);
        }
    }

    // ---- generators -----------------------------------------------------------------------------------------

    @Provide
    Arbitrary<PodModel> pods() {
        Arbitrary<Integer> cpu = Arbitraries.integers().between(0, 8).map(i -> i * 250);
        Arbitrary<Integer> mem = Arbitraries.integers().between(0, 8).map(i -> i * 512);
        Arbitrary<Set<String>> ports = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(Set.<String>of())),
                Tuple.of(1, Arbitraries.of("TCP/80", "TCP/81", "UDP/80", "TCP/8080").set().ofMinSize(1).ofMaxSize(2)));
        Arbitrary<Map<String, String>> selector = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(Map.<String, String>of())),
                Tuple.of(1, Arbitraries.maps(Arbitraries.of(LABEL_KEYS), Arbitraries.of(LABEL_VALUES)).ofSize(1)));
        Arbitrary<List<Toleration>> tolerations = toleration().list().ofMaxSize(2);
        return Combinators.combine(cpu, mem, ports, selector, tolerations).as(PodModel::new);
    }

    private Arbitrary<Toleration> toleration() {
        Arbitrary<String> key = Arbitraries.of("dedicated", "gpu", "", CORDON_KEY);
        Arbitrary<String> operator = Arbitraries.of("Equal", "Exists");
        Arbitrary<String> value = Arbitraries.of("x", "y");
        Arbitrary<Optional<String>> effect = Arbitraries.of(EFFECTS).optional();
        return Combinators.combine(key, operator, value, effect).as((k, op, v, e) -> k.isEmpty()
                ? new Toleration("", "Exists", null, e.orElse(null), null, Map.of())
                : new Toleration(k, op, op.equals("Exists") ? null : v, e.orElse(null), null, Map.of()));
    }

    private Arbitrary<Taint> taint() {
        return Combinators.combine(Arbitraries.of("dedicated", "gpu"), Arbitraries.of("x", "y"), Arbitraries.of(EFFECTS))
                .as(Taint::of);
    }

    private Arbitrary<NodeModel> nodes(boolean withRunningPods) {
        Arbitrary<Integer> cpu = Arbitraries.integers().between(0, 12).map(i -> i * 500);
        Arbitrary<Integer> mem = Arbitraries.integers().between(0, 12).map(i -> i * 1024);
        Arbitrary<Integer> podCount = Arbitraries.integers().between(0, 8);
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(Arbitraries.of(LABEL_KEYS),
                Arbitraries.of(LABEL_VALUES)).ofMaxSize(2);
        Arbitrary<List<Taint>> taints = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.<Taint>of())), Tuple.of(1, taint().list().ofMinSize(1).ofMaxSize(2)));
        Arbitrary<Boolean> cordoned = Arbitraries.frequency(Tuple.of(7, false), Tuple.of(1, true));
        Arbitrary<List<PodModel>> running = withRunningPods ? pods().list().ofMaxSize(3) : Arbitraries.just(List.of());
        return Combinators.combine(cpu, mem, podCount, labels, taints, cordoned, running).as(NodeModel::new);
    }

    @Provide
    Arbitrary<NodeModel> nodes() {
        return nodes(true);
    }

    @Provide
    Arbitrary<NodeModel> emptyNodes() {
        return nodes(false);
    }
}
