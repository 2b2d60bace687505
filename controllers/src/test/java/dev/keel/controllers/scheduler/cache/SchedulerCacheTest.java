package dev.keel.controllers.scheduler.cache;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
