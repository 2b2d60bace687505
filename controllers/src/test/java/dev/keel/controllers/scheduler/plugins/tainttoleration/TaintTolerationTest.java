package dev.keel.controllers.scheduler.plugins.tainttoleration;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.Status;
import dev.keel.controllers.scheduler.testing.TestNode;
import dev.keel.controllers.scheduler.testing.TestPod;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

class TaintTolerationTest {
    private final TaintToleration plugin = new TaintToleration();

    record Case(String name, TestPod pod, TestNode node, Status expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> filterCases() {
        String untoleratedDedicated = "node(s) had untolerated taint {dedicated: gpu}";
        return Stream.of(
                new Case("a node without taints admits a pod without tolerations",
                        pod("p"), node("n"), Status.success()),
                new Case("a NoSchedule taint rejects a pod that does not tolerate it",
                        pod("p"), node("n").taint("dedicated", "gpu", "NoSchedule"),
                        Status.unresolvable(untoleratedDedicated)),
                new Case("a NoExecute taint rejects a pod that does not tolerate it",
                        pod("p"), node("n").taint("dedicated", "gpu", "NoExecute"),
                        Status.unresolvable(untoleratedDedicated)),
                new Case("a PreferNoSchedule taint never rejects",
                        pod("p"), node("n").taint("dedicated", "gpu", "PreferNoSchedule"), Status.success()),
                new Case("an Equal toleration with the same key, value and effect tolerates",
                        pod("p").toleration("dedicated", "Equal", "gpu", "NoSchedule"),
                        node("n").taint("dedicated", "gpu", "NoSchedule"), Status.success()),
                new Case("an Equal toleration with another value does not tolerate",
                        pod("p").toleration("dedicated", "Equal", "cpu", "NoSchedule"),
                        node("n").taint("dedicated", "gpu", "NoSchedule"), Status.unresolvable(untoleratedDedicated)),
                new Case("a toleration without operator means Equal",
                        pod("p").toleration("dedicated", null, "gpu", "NoSchedule"),
                        node("n").taint("dedicated", "gpu", "NoSchedule"), Status.success()),
                new Case("an Exists toleration tolerates any value of its key",
                        pod("p").toleration("dedicated", "Exists", null, "NoSchedule"),
                        node("n").taint("dedicated", "gpu", "NoSchedule"), Status.success()),
                new Case("an Exists toleration with an empty key tolerates every taint",
                        pod("p").toleration("", "Exists", null, null),
                        node("n").taint("a", "1", "NoSchedule").taint("b", "2", "NoExecute"), Status.success()),
                new Case("a toleration without effect tolerates every effect of its key",
                        pod("p").toleration("dedicated", "Equal", "gpu", null),
                        node("n").taint("dedicated", "gpu", "NoExecute"), Status.success()),
                new Case("a toleration for NoSchedule does not tolerate NoExecute",
                        pod("p").toleration("dedicated", "Equal", "gpu", "NoSchedule"),
                        node("n").taint("dedicated", "gpu", "NoExecute"), Status.unresolvable(untoleratedDedicated)),
                new Case("the reason names the first untolerated taint, with an empty value shown empty",
                        pod("p").toleration("dedicated", "Exists", null, null),
                        node("n").taint("dedicated", "gpu", "NoSchedule").taint("node-role/master", null, "NoSchedule"),
                        Status.unresolvable("node(s) had untolerated taint {node-role/master: }")),
                new Case("an unknown operator tolerates nothing",
                        pod("p").toleration("dedicated", "Like", "gpu", "NoSchedule"),
                        node("n").taint("dedicated", "gpu", "NoSchedule"), Status.unresolvable(untoleratedDedicated)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filter(Case c) {
        assertEquals(c.expected(), plugin.filter(new CycleState(), c.pod().build(), NodeInfo.of(c.node().build())));
    }

    record ScoreCase(String name, TestPod pod, List<TestNode> nodes, List<Long> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ScoreCase> scoreCases() {
        return Stream.of(
                new ScoreCase("nodes without PreferNoSchedule taints all score 100",
                        pod("p"), List.of(node("a"), node("b").taint("x", "1", "NoSchedule")), List.of(100L, 100L)),
                new ScoreCase("fewer untolerated PreferNoSchedule taints score higher",
                        pod("p"),
                        List.of(node("a"), node("b").taint("x", "1", "PreferNoSchedule"),
                                node("c").taint("x", "1", "PreferNoSchedule").taint("y", "2", "PreferNoSchedule")),
                        List.of(100L, 50L, 0L)),
                new ScoreCase("tolerated PreferNoSchedule taints do not count",
                        pod("p").toleration("x", "Exists", null, "PreferNoSchedule"),
                        List.of(node("a").taint("x", "1", "PreferNoSchedule"),
                                node("b").taint("y", "1", "PreferNoSchedule")),
                        List.of(100L, 0L)),
                new ScoreCase("a NoSchedule toleration does not tolerate a PreferNoSchedule taint for scoring",
                        pod("p").toleration("x", "Exists", null, "NoSchedule"),
                        List.of(node("a").taint("x", "1", "PreferNoSchedule"), node("b")),
                        List.of(0L, 100L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scoreCases")
    void score(ScoreCase c) {
        CycleState state = new CycleState();
        var podObj = c.pod().build();
        List<NodeInfo> nodes = c.nodes().stream().map(n -> NodeInfo.of(n.build())).toList();
        assertEquals(Status.success(), plugin.preScore(state, podObj, nodes));
        long[] scores = nodes.stream().mapToLong(n -> plugin.score(state, podObj, n)).toArray();
        plugin.normalizeScores(state, podObj, scores);
        assertEquals(c.expected(), Arrays.stream(scores).boxed().toList());
    }

    @Test
    void reasonFollowsKubernetesWording() {
        assertEquals("node(s) had untolerated taint {key: value}",
                TaintToleration.reason(dev.keel.api.core.Taint.of("key", "value", "NoSchedule")));
    }
}
