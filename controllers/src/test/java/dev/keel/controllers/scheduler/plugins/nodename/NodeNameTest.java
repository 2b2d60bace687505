package dev.keel.controllers.scheduler.plugins.nodename;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.Status;
import dev.keel.controllers.scheduler.testing.TestPod;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

class NodeNameTest {
    record Case(String name, TestPod pod, String node, Status expected, Status preFilter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a pod without nodeName fits every node, so its filter is skipped", pod("p"), "n1",
                        Status.success(), Status.skip()),
                new Case("an empty nodeName is no nodeName", pod("p").nodeName(""), "n1", Status.success(),
                        Status.skip()),
                new Case("a pod naming this node fits it", pod("p").nodeName("n1"), "n1", Status.success(),
                        Status.success()),
                new Case("a pod naming another node does not fit", pod("p").nodeName("n2"), "n1",
                        Status.unresolvable("node(s) didn't match the requested node name"), Status.success()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filter(Case c) {
        CycleState state = new CycleState();
        Pod p = c.pod().build();
        assertEquals(c.preFilter(), new NodeName().preFilter(state, p));
        assertEquals(c.expected(), new NodeName().filter(state, p, NodeInfo.of(node(c.node()).build())));
    }
}
