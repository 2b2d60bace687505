package dev.keel.controllers.scheduler;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.api.core.Pod;

import org.junit.jupiter.api.Test;

import java.util.List;

class SnapshotTest {
    @Test
    void podsLandOnTheirNodesAndAddUpTheirRequests() {
        Snapshot s = Snapshot.of(List.of(node("b").build(), node("a").build()), List.of(
                pod("p1").nodeName("a").cpu("1").memory("1Gi").build(),
                pod("p2").nodeName("a").cpu("500m").port(80).build(),
                pod("p3").nodeName("b").build()));
        assertEquals(List.of("a", "b"), s.nodeInfos().stream().map(NodeInfo::name).toList());
        NodeInfo a = s.get("a").orElseThrow();
        assertEquals(new Resources(1500, 1L << 30, 2), a.requested());
        assertEquals(new Resources(1500, (1L << 30) + 200L * 1024 * 1024, 2), a.nonZeroRequested());
        assertTrue(a.usedPorts().contains(new HostPort("0.0.0.0", "TCP", 80)));
        assertEquals(1, s.get("b").orElseThrow().pods().size());
    }

    @Test
    void finishedUnboundAndForeignPodsAreLeftOut() {
        Snapshot s = Snapshot.of(List.of(node("a").build()), List.of(
                pod("done").nodeName("a").cpu("1").phase("Succeeded").build(),
                pod("failed").nodeName("a").cpu("1").phase("Failed").build(),
                pod("pending").cpu("1").build(),
                pod("elsewhere").nodeName("z").cpu("1").build(),
                pod("running").nodeName("a").cpu("1").phase("Running").build()));
        NodeInfo a = s.get("a").orElseThrow();
        assertEquals(List.of("default/running"), a.pods().stream().map(p -> p.metadata().key()).toList());
        assertEquals(1000, a.requested().milliCpu());
    }

    @Test
    void removingAPodGivesBackItsResourcesAndPortsButKeepsPortsOthersHold() {
        Pod p1 = pod("p1").cpu("1").port(80).build();
        Pod p2 = pod("p2").cpu("1").port(80).build();
        NodeInfo both = NodeInfo.of(node("a").build(), List.of(p1, p2));
        NodeInfo one = both.withoutPod("default/p1");
        assertEquals(new Resources(1000, 0, 1), one.requested());
        assertTrue(one.usedPorts().contains(new HostPort("0.0.0.0", "TCP", 80)));
        NodeInfo none = one.withoutPod("default/p2");
        assertEquals(Resources.ZERO, none.requested());
        assertFalse(none.usedPorts().contains(new HostPort("0.0.0.0", "TCP", 80)));
        assertSame(none, none.withoutPod("default/unknown"));
    }

    @Test
    void addingAPodTwiceReplacesIt() {
        NodeInfo n = NodeInfo.of(node("a").build()).withPod(pod("p").cpu("1").build()).withPod(pod("p").cpu("2").build());
        assertEquals(new Resources(2000, 0, 1), n.requested());
    }

    @Test
    void allocatableFallsBackToCapacityOnlyWhenAllocatableIsMissing() {
        Resources r = Resources.allocatableOf(node("a").cpu("3").build());
        assertEquals(3000, r.milliCpu());
        assertEquals(110, r.pods());
    }

    @Test
    void aNodeListedTwiceIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Snapshot.of(List.of(node("a").build(), node("a").build()), List.of()));
    }
}
