package dev.keel.controllers.scheduler.plugins.noderesources;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.Status;
import dev.keel.controllers.scheduler.testing.TestNode;
import dev.keel.controllers.scheduler.testing.TestPod;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

class NodeResourcesFitTest {
    private final NodeResourcesFit plugin = new NodeResourcesFit();

    record Case(String name, TestNode node, List<TestPod> running, TestPod incoming, Status expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> filterCases() {
        return Stream.of(
                new Case("a pod fits when its requests fit in what the node's pods leave free",
                        node("n").cpu("2").memory("4Gi"), List.of(pod("a").cpu("1").memory("2Gi")),
                        pod("b").cpu("1").memory("2Gi"), Status.success()),
                new Case("a pod asking more cpu than is left is rejected with Insufficient cpu",
                        node("n").cpu("2"), List.of(pod("a").cpu("1500m")), pod("b").cpu("600m"),
                        Status.unschedulable("Insufficient cpu")),
                new Case("a pod asking more memory than is left is rejected with Insufficient memory",
                        node("n").memory("1Gi"), List.of(pod("a").memory("512Mi")), pod("b").memory("513Mi"),
                        Status.unschedulable("Insufficient memory")),
                new Case("every shortage is a reason of its own",
                        node("n").cpu("1").memory("1Gi").pods(1), List.of(pod("a").cpu("1").memory("1Gi")),
                        pod("b").cpu("1").memory("1Gi"),
                        Status.unschedulable("Too many pods", "Insufficient cpu", "Insufficient memory")),
                new Case("a node at its pod limit rejects even a pod without requests",
                        node("n").pods(2), List.of(pod("a"), pod("b")), pod("c"), Status.unschedulable("Too many pods")),
                new Case("a node that declares no pods admits no pod",
                        node("n").pods(0), List.of(), pod("a"), Status.unschedulable("Too many pods")),
                new Case("a pod without requests fits a node whose cpu is fully requested",
                        node("n").cpu("2"), List.of(pod("a").cpu("2")), pod("b"), Status.success()),
                new Case("the largest init container counts when it exceeds the sum of the containers",
                        node("n").cpu("2"), List.of(pod("a").cpu("1")),
                        pod("b").cpu("500m").initContainer("1500m", null), Status.unschedulable("Insufficient cpu")),
                new Case("the sum of the containers counts when it exceeds every init container",
                        node("n").cpu("2"), List.of(pod("a").cpu("1")),
                        pod("b").cpu("600m").container("600m", null).initContainer("900m", null),
                        Status.unschedulable("Insufficient cpu")),
                new Case("an exact fit is a fit",
                        node("n").cpu("2").memory("2Gi"), List.of(pod("a").cpu("1500m").memory("1Gi")),
                        pod("b").cpu("500m").memory("1Gi"), Status.success()),
                new Case("each pod's fractional millicores round up: 999.4m and 0.5m take 1001m, more than 1 cpu",
                        node("n").cpu("1"), List.of(pod("a").cpu("0.9994")), pod("b").cpu("0.0005"),
                        Status.unschedulable("Insufficient cpu")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filter(Case c) {
        NodeInfo n = NodeInfo.of(c.node().build(), c.running().stream().map(TestPod::build).toList());
        CycleState state = new CycleState();
        Pod p = c.incoming().build();
        assertEquals(Status.success(), plugin.preFilter(state, p));
        assertEquals(c.expected(), plugin.filter(state, p, n));
    }

    record ScoreCase(String name, TestNode node, List<TestPod> running, TestPod incoming, long leastAllocated,
                     long balanced) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ScoreCase> scoreCases() {
        return Stream.of(
                new ScoreCase("an empty node keeps three quarters free after a quarter-sized pod",
                        node("n").cpu("4").memory("32Gi"), List.of(), pod("p").cpu("1").memory("8Gi"), 75, 100),
                new ScoreCase("a half-full node keeps a quarter free after the same pod",
                        node("n").cpu("4").memory("32Gi"), List.of(pod("a").cpu("2").memory("16Gi")),
                        pod("p").cpu("1").memory("8Gi"), 25, 100),
                new ScoreCase("cpu and memory average: 50% cpu free and 100% memory free scores 75",
                        node("n").cpu("4").memory("32Gi"), List.of(), pod("p").cpu("2").memory("0"), 75, 75),
                new ScoreCase("a pod without requests counts as 100m cpu and 200Mi memory for scoring",
                        node("n").cpu("1").memory("2000Mi"), List.of(), pod("p"), 90, 100),
                new ScoreCase("a pod that fills all cpu and no memory is badly balanced",
                        node("n").cpu("4").memory("32Gi"), List.of(), pod("p").cpu("4").memory("0"), 50, 50),
                new ScoreCase("requests beyond allocatable score 0 for that resource",
                        node("n").cpu("1").memory("32Gi"), List.of(), pod("p").cpu("2").memory("16Gi"), 25, 75));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scoreCases")
    void score(ScoreCase c) {
        NodeInfo n = NodeInfo.of(c.node().build(), c.running().stream().map(TestPod::build).toList());
        Pod p = c.incoming().build();
        CycleState state = new CycleState();
        BalancedAllocation balanced = new BalancedAllocation();
        assertEquals(Status.success(), plugin.preScore(state, p, List.of(n)));
        assertEquals(Status.success(), balanced.preScore(state, p, List.of(n)));
        assertEquals(c.leastAllocated(), plugin.score(state, p, n), "least allocated");
        assertEquals(c.balanced(), balanced.score(state, p, n), "balanced allocation");
    }
}
