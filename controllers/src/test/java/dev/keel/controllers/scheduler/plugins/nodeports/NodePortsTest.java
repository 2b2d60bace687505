package dev.keel.controllers.scheduler.plugins.nodeports;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.Status;
import dev.keel.controllers.scheduler.testing.TestPod;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

class NodePortsTest {
    private static final Status BUSY = Status.unschedulable("node(s) didn't have free ports for the requested pod ports");

    record Case(String name, List<TestPod> running, TestPod incoming, boolean fits) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a pod without ports fits a busy node",
                        List.of(pod("a").port(80)), pod("b"), true),
                new Case("the same containerPort conflicts, since pods share the host network",
                        List.of(pod("a").port(8080)), pod("b").port(8080), false),
                new Case("a different port fits", List.of(pod("a").port(8080)), pod("b").port(8081), true),
                new Case("the same port with another protocol fits",
                        List.of(pod("a").port(null, 53, "UDP", null)), pod("b").port(null, 53, "TCP", null), true),
                new Case("a missing protocol means TCP",
                        List.of(pod("a").port(null, 53, null, null)), pod("b").port(null, 53, "TCP", null), false),
                new Case("a hostPort conflicts with the same hostPort",
                        List.of(pod("a").port(9000, 80, "TCP", null)), pod("b").port(9000, 81, "TCP", null), false),
                new Case("a hostPort conflicts with the same containerPort of another pod",
                        List.of(pod("a").port(null, 9000, "TCP", null)), pod("b").port(9000, 81, "TCP", null), false),
                new Case("two specific addresses do not conflict",
                        List.of(pod("a").port(null, 80, "TCP", "10.0.0.1")), pod("b").port(null, 80, "TCP", "10.0.0.2"),
                        true),
                new Case("a specific address conflicts with the wildcard",
                        List.of(pod("a").port(null, 80, "TCP", "10.0.0.1")), pod("b").port(null, 80, "TCP", "0.0.0.0"),
                        false),
                new Case("the wildcard conflicts with a specific address",
                        List.of(pod("a").port(null, 80, "TCP", null)), pod("b").port(null, 80, "TCP", "10.0.0.2"),
                        false),
                new Case("a port freed by a finished-and-removed pod is free again",
                        List.of(), pod("b").port(80), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filter(Case c) {
        NodeInfo n = NodeInfo.of(node("n").build(), c.running().stream().map(TestPod::build).toList());
        CycleState state = new CycleState();
        Pod p = c.incoming().build();
        NodePorts plugin = new NodePorts();
        Status preFilter = plugin.preFilter(state, p);
        assertEquals(c.fits() ? Status.success() : BUSY, plugin.filter(state, p, n));
        assertTrue(preFilter.isSuccess() || preFilter.equals(Status.skip()) && c.fits(),
                () -> "pre-filter said " + preFilter + " for a pod that fits: " + c.fits());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("skipCases")
    void preFilterSkipsExactlyForAPodThatBindsNoPort(String name, TestPod incoming, Status expected) {
        assertEquals(expected, new NodePorts().preFilter(new CycleState(), incoming.build()));
    }

    static Stream<Arguments> skipCases() {
        return Stream.of(
                Arguments.of("a pod without ports skips the filter", pod("p"), Status.skip()),
                Arguments.of("a containerPort keeps the filter: it binds on nodes without a pod CIDR",
                        pod("p").port(8080), Status.success()),
                Arguments.of("a hostPort keeps the filter", pod("p").port(9000, 80, "TCP", null), Status.success()));
    }

    @org.junit.jupiter.api.Test
    void onANodeWithAPodCidrOnlyHostPortsAndHostNetworkPodsCount() {
        dev.keel.api.core.Node plain = node("n").build();
        dev.keel.api.core.Node own = plain.withSpec(new dev.keel.api.core.NodeSpec("127.101.1.0/24", null, null,
                plain.spec().taints(), java.util.Map.of()));
        NodePorts plugin = new NodePorts();
        Pod running = pod("a").port(8000).build();
        Pod sameContainerPort = pod("b").port(8000).build();
        Pod hostNetwork = sameContainerPort.withSpec(sameContainerPort.spec().toBuilder().hostNetwork(true).build());
        Pod sameHostPort = pod("c").port(9000, 8000, "TCP", null).build();
        NodeInfo busyOwn = NodeInfo.of(own, List.of(running, pod("h").port(9000, 81, "TCP", null).build()));
        assertEquals(Status.success(), filter(plugin, sameContainerPort, busyOwn),
                "pods with addresses of their own share container ports");
        assertEquals(BUSY, filter(plugin, sameHostPort, busyOwn), "host ports still count");
        NodeInfo hostNetworkRunning = NodeInfo.of(own, List.of(hostNetwork));
        assertEquals(BUSY, filter(plugin, pod("d").port(null, 8000, "TCP", null).build().withSpec(
                hostNetwork.spec()), hostNetworkRunning), "two hostNetwork pods share the node's address");
        assertEquals(BUSY, filter(plugin, sameContainerPort, NodeInfo.of(plain, List.of(running))),
                "without a pod CIDR every pod has the node's address");
        assertEquals(BUSY, filter(plugin, sameContainerPort, NodeInfo.of(plain, List.of(running)).withNode(plain)));
        assertEquals(Status.success(), filter(plugin, sameContainerPort,
                NodeInfo.of(plain, List.of(running)).withNode(own)), "ports are recounted when the node gets a CIDR");
    }

    private static Status filter(NodePorts plugin, Pod pod, NodeInfo node) {
        CycleState state = new CycleState();
        plugin.preFilter(state, pod);
        return plugin.filter(state, pod, node);
    }
}
