package dev.keel.controllers.scheduler.plugins.nodeunschedulable;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.Status;
import dev.keel.controllers.scheduler.testing.TestNode;
import dev.keel.controllers.scheduler.testing.TestPod;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

class NodeUnschedulableTest {
    record Case(String name, TestPod pod, TestNode node, Status expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        Status cordoned = Status.unresolvable("node(s) were unschedulable");
        return Stream.of(
                new Case("a schedulable node admits any pod", pod("p"), node("n"), Status.success()),
                new Case("a cordoned node rejects a pod without tolerations", pod("p"), node("n").unschedulable(),
                        cordoned),
                new Case("a cordoned node admits a pod tolerating the unschedulable taint",
                        pod("p").toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule"),
                        node("n").unschedulable(), Status.success()),
                new Case("a cordoned node admits a pod tolerating everything",
                        pod("p").toleration(null, "Exists", null, null), node("n").unschedulable(), Status.success()),
                new Case("a toleration of the key with another effect does not help",
                        pod("p").toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoExecute"),
                        node("n").unschedulable(), cordoned));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filter(Case c) {
        assertEquals(c.expected(),
                new NodeUnschedulable().filter(new CycleState(), c.pod().build(), NodeInfo.of(c.node().build())));
    }
}
