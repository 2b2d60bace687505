package dev.keel.controllers.scheduler.cache;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.Snapshot;
import dev.keel.controllers.scheduler.testing.FakeTicker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

class SchedulerCacheTest {
    private final FakeTicker ticker = new FakeTicker();
    private final SchedulerCache cache = new SchedulerCache(ticker, Duration.ofSeconds(30));

    private long cpuOn(String node) {
        return cache.snapshot().get(node).map(NodeInfo::requested).orElseThrow().milliCpu();
    }

    @Test
    void anAssumedPodCountsBeforeTheWatchShowsIt() {
        cache.addOrUpdateNode(node("n1").build());
        cache.assume(pod("p").cpu("1").build(), "n1");
        assertTrue(cache.isAssumed("default/p"));
        assertEquals(1000, cpuOn("n1"));
        assertEquals("n1", cache.snapshot().get("n1").orElseThrow().pods().get(0).spec().nodeName());
    }

    @Test
    void aFailedBindForgetsTheAssumedPod() {
        cache.addOrUpdateNode(node("n1").build());
        cache.assume(pod("p").cpu("1").build(), "n1");
        cache.forget("default/p");
        assertFalse(cache.isAssumed("default/p"));
        assertEquals(0, cpuOn("n1"));
    }

    @Test
    void theInformerConfirmsTheAssumptionAndTheTtlNoLongerApplies() {
        cache.addOrUpdateNode(node("n1").build());
        Pod p = pod("p").cpu("1").build();
        cache.assume(p, "n1");
        cache.finishBinding("default/p");
        cache.addPod(pod("p").cpu("1").nodeName("n1").build());
        assertFalse(cache.isAssumed("default/p"));
        ticker.advance(Duration.ofMinutes(5));
        assertEquals(List.of(), cache.cleanupExpired());
        assertEquals(1000, cpuOn("n1"));
        cache.forget("default/p");
        assertEquals(1000, cpuOn("n1"), "forget does not drop a confirmed pod");
    }

    @Test
    void anUnconfirmedAssumptionExpiresOnlyAfterBindingFinishedAndTheTtlPassed() {
        cache.addOrUpdateNode(node("n1").build());
        cache.assume(pod("p").cpu("1").build(), "n1");
        ticker.advance(Duration.ofMinutes(10));
        assertEquals(List.of(), cache.cleanupExpired(), "binding still in progress");
        cache.finishBinding("default/p");
        ticker.advance(Duration.ofSeconds(29));
        assertEquals(List.of(), cache.cleanupExpired());
        ticker.advance(Duration.ofSeconds(1));
        assertEquals(List.of("default/p"), cache.cleanupExpired());
        assertEquals(0, cpuOn("n1"));
    }

    @Test
    void assumingAPodTheCacheAlreadyHasIsABug() {
        cache.addOrUpdateNode(node("n1").build());
        cache.addPod(pod("p").nodeName("n1").build());
        assertThrows(IllegalStateException.class, () -> cache.assume(pod("p").build(), "n1"));
    }

    @Test
    void podsSeenBeforeTheirNodeAppearWithIt() {
        cache.addPod(pod("p").cpu("2").nodeName("n1").build());
        assertTrue(cache.snapshot().get("n1").isEmpty());
        cache.addOrUpdateNode(node("n1").build());
        assertEquals(2000, cpuOn("n1"));
    }

    @Test
    void aNodeUpdateKeepsItsPodsAndAFinishedOrDeletedPodFreesItsShare() {
        cache.addOrUpdateNode(node("n1").build());
        cache.addPod(pod("a").cpu("1").nodeName("n1").build());
        cache.addPod(pod("b").cpu("1").nodeName("n1").build());
        cache.addOrUpdateNode(node("n1").label("zone", "a").build());
        assertEquals(2000, cpuOn("n1"));
        cache.updatePod(pod("a").cpu("1").nodeName("n1").phase("Succeeded").build());
        assertEquals(1000, cpuOn("n1"));
        cache.removePod("default/b");
        assertEquals(0, cpuOn("n1"));
        cache.removeNode("n1");
        Snapshot s = cache.snapshot();
        assertEquals(0, s.size());
    }

    @Test
    void anUnboundPodFromTheInformerIsNotPlaced() {
        cache.addOrUpdateNode(node("n1").build());
        cache.addPod(pod("pending").cpu("1").build());
        assertEquals(0, cpuOn("n1"));
    }

    @Test
    void refreshChangesTheLoopsSnapshotInPlaceUntilTheNodeSetChanges() {
        for (int i = 0; i < 20; i++) {
            cache.addOrUpdateNode(node("n" + i).build());
        }
        Snapshot loop = cache.refresh(null);
        assertEquals(20, loop.size());
        cache.assume(pod("p").cpu("1").build(), "n3");
        Snapshot again = cache.refresh(loop);
        assertSame(loop, again, "one changed node is patched in place");
        assertEquals(1000, again.get("n3").orElseThrow().requestedMilliCpu());
        assertEquals(0, again.get("n4").orElseThrow().requestedMilliCpu());
        Snapshot copy = cache.snapshot();
        cache.removePod("default/p");
        assertEquals(1000, copy.get("n3").orElseThrow().requestedMilliCpu(), "snapshot() is a copy");
        assertThrows(IllegalStateException.class, () -> copy.replace(copy.get("n3").orElseThrow()));

        cache.addOrUpdateNode(node("n20").build());
        Snapshot grown = cache.refresh(again);
        assertNotSame(again, grown, "a new node changes the order: a new snapshot");
        assertEquals(21, grown.size());
        assertEquals(0, grown.get("n3").orElseThrow().requestedMilliCpu());
    }

    @Test
    void aRefreshedSnapshotIsCopiedAnewOnceATenthOfItsNodesWasReplacedAndAlwaysMatchesTheCache() {
        for (int i = 0; i < 30; i++) {
            cache.addOrUpdateNode(node("n" + i).build());
        }
        Snapshot loop = cache.refresh(null);
        int copies = 0;
        for (int i = 0; i < 12; i++) {
            cache.assume(pod("p" + i).cpu("100m").build(), "n" + (i * 7 % 30));
            Snapshot next = cache.refresh(loop);
            copies += next == loop ? 0 : 1;
            loop = next;
            Snapshot expected = cache.snapshot();
            for (NodeInfo n : expected.nodeInfos()) {
                NodeInfo got = loop.get(n.name()).orElseThrow();
                assertEquals(n.requested(), got.requested(), n.name());
                assertEquals(n.pods(), got.pods(), n.name());
            }
        }
        assertEquals(2, copies, "30 nodes: a fresh copy once more than 3 were replaced (the 5th and 10th refresh)");
    }
}
