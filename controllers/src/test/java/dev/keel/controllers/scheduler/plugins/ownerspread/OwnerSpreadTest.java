package dev.keel.controllers.scheduler.plugins.ownerspread;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.Status;
import dev.keel.controllers.scheduler.testing.TestPod;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

class OwnerSpreadTest {
    record Case(String name, List<List<TestPod>> podsPerNode, TestPod incoming, List<Long> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("nodes without pods of the owner score 100, the busiest 0",
                        List.of(List.of(), List.of(pod("a").ownedBy("ReplicaSet", "web")),
                                List.of(pod("b").ownedBy("ReplicaSet", "web"), pod("c").ownedBy("ReplicaSet", "web"))),
                        pod("p").ownedBy("ReplicaSet", "web"), List.of(100L, 50L, 0L)),
                new Case("pods of other owners do not count",
                        List.of(List.of(pod("a").ownedBy("ReplicaSet", "db")), List.of()),
                        pod("p").ownedBy("ReplicaSet", "web"), List.of(100L, 100L)),
                new Case("a pod without owner scores 100 everywhere",
                        List.of(List.of(pod("a")), List.of()), pod("p"), List.of(100L, 100L)),
                new Case("pods being deleted do not count",
                        List.of(List.of(pod("a").ownedBy("ReplicaSet", "web").deleting()),
                                List.of(pod("b").ownedBy("ReplicaSet", "web"))),
                        pod("p").ownedBy("ReplicaSet", "web"), List.of(100L, 0L)),
                new Case("the same owner name of another kind is another owner",
                        List.of(List.of(pod("a").ownedBy("StatefulSet", "web")), List.of()),
                        pod("p").ownedBy("ReplicaSet", "web"), List.of(100L, 100L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void score(Case c) {
        OwnerSpread plugin = new OwnerSpread();
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < c.podsPerNode().size(); i++) {
            nodes.add(NodeInfo.of(node("n" + i).build(), c.podsPerNode().get(i).stream().map(TestPod::build).toList()));
        }
        Pod p = c.incoming().build();
        CycleState state = new CycleState();
        Status preScore = plugin.preScore(state, p, nodes);
        long[] scores = nodes.stream().mapToLong(n -> plugin.score(state, p, n)).toArray();
        plugin.normalizeScores(state, p, scores);
        assertEquals(c.expected(), Arrays.stream(scores).boxed().toList());
        if (preScore.equals(Status.skip())) {
            assertEquals(1, Arrays.stream(scores).distinct().count(), "skipped though nodes score differently");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("skipCases")
    void preScoreSkipsExactlyForAPodWithoutOwner(String name, TestPod incoming, Status expected) {
        List<NodeInfo> nodes = List.of(NodeInfo.of(node("n").build()));
        assertEquals(expected, new OwnerSpread().preScore(new CycleState(), incoming.build(), nodes));
    }

    static Stream<Arguments> skipCases() {
        return Stream.of(
                Arguments.of("a pod without owner skips the score", pod("p"), Status.skip()),
                Arguments.of("an owned pod is scored", pod("p").ownedBy("ReplicaSet", "web"), Status.success()));
    }
}
