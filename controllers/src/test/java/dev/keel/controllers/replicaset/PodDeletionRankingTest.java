package dev.keel.controllers.replicaset;

import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerStatus;
import dev.keel.api.core.Pod;
import dev.keel.api.core.PodSpec;
import dev.keel.api.core.PodStatus;
import dev.keel.api.meta.Condition;
import dev.keel.api.meta.ObjectMeta;
import dev.keel.controllers.util.PodConditions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which surplus pod goes first: one row per rule, the first pod of each pair must be deleted first. */
class PodDeletionRankingTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private record Row(String rule, Pod first, Pod second) {
    }

    private static Pod pod(String name, String node, String phase, Instant readySince, Instant created) {
        List<Condition> conditions = readySince == null ? List.of()
                : List.of(Condition.of(PodConditions.READY, true, readySince, null, null));
        return new Pod(null, null, ObjectMeta.builder().name(name).namespace("ns").creationTimestamp(created).build(),
                PodSpec.builder().containers(List.of(Container.of("c", "i"))).nodeName(node).build(),
                PodStatus.builder().phase(phase).conditions(conditions).build(), Map.of());
    }

    private static Pod running(String name, String node) {
        return pod(name, node, "Running", T0, T0);
    }

    @Test
    void ordersByKubernetesRules() {
        Pod restarted = running("restarted", "n1");
        restarted = restarted.withStatus(restarted.status().toBuilder().containerStatuses(List.of(
                new ContainerStatus("c", null, null, true, 3, "i", null, null, null, Map.of()))).build());
        Pod cheap = running("cheap", "n1");
        cheap = cheap.withMetadata(cheap.metadata().toBuilder()
                .annotations(Map.of(PodDeletionRanking.DELETION_COST, "-5")).build());
        List<Row> rows = List.of(
                new Row("unscheduled before scheduled", pod("a", null, "Pending", null, T0), running("b", "n1")),
                new Row("pending before running", pod("a", "n1", "Pending", null, T0), running("b", "n1")),
                new Row("unknown before running", pod("a", "n1", "Unknown", null, T0), running("b", "n1")),
                new Row("not ready before ready", pod("a", "n1", "Running", null, T0), running("b", "n1")),
                new Row("lower deletion cost first", cheap, running("b", "n1")),
                new Row("ready for less time first", pod("a", "n1", "Running", T0.plusSeconds(60), T0),
                        running("b", "n1")),
                new Row("more restarts first", restarted, running("b", "n1")),
                new Row("newer before older", pod("a", "n1", "Running", T0, T0.plusSeconds(5)), running("b", "n1")));
        for (Row r : rows) {
            List<Pod> pods = new ArrayList<>(List.of(r.second(), r.first()));
            pods.sort(PodDeletionRanking.of(pods));
            assertEquals(r.first().metadata().name(), pods.get(0).metadata().name(), r.rule());
        }
    }

    @Test
    void prefersPodsOnCrowdedNodes() {
        Pod lonely = running("lonely", "n1");
        Pod crowdedA = running("crowded-a", "n2");
        Pod crowdedB = running("crowded-b", "n2");
        List<Pod> pods = new ArrayList<>(List.of(lonely, crowdedA, crowdedB));
        pods.sort(PodDeletionRanking.of(pods));
        assertEquals("n2", pods.get(0).spec().nodeName());
        assertEquals("lonely", pods.get(2).metadata().name());
    }
}
