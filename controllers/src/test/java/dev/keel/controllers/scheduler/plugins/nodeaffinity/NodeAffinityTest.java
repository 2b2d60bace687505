package dev.keel.controllers.scheduler.plugins.nodeaffinity;

import static dev.keel.controllers.scheduler.testing.TestNode.fieldTerm;
import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestNode.req;
import static dev.keel.controllers.scheduler.testing.TestNode.term;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.CycleState;
import dev.keel.controllers.scheduler.NodeInfo;
import dev.keel.controllers.scheduler.Status;
import dev.keel.controllers.scheduler.testing.TestNode;
import dev.keel.controllers.scheduler.testing.TestPod;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

class NodeAffinityTest {
    private static final Status MISMATCH = Status.unresolvable("node(s) didn't match Pod's node affinity/selector");
    private final NodeAffinity plugin = new NodeAffinity();

    record Case(String name, TestPod pod, TestNode node, boolean fits) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> filterCases() {
        TestNode ssdZoneA = node("n1").label("disk", "ssd").label("zone", "a").label("cores", "8");
        return Stream.of(
                new Case("a pod without selector or affinity fits any node", pod("p"), ssdZoneA, true),
                new Case("a nodeSelector label present with the same value fits",
                        pod("p").nodeSelector("disk", "ssd"), ssdZoneA, true),
                new Case("a nodeSelector label with another value does not fit",
                        pod("p").nodeSelector("disk", "hdd"), ssdZoneA, false),
                new Case("every nodeSelector label must match",
                        pod("p").nodeSelector("disk", "ssd").nodeSelector("zone", "b"), ssdZoneA, false),
                new Case("In matches a label whose value is listed",
                        pod("p").required(term(req("zone", "In", "b", "a"))), ssdZoneA, true),
                new Case("In does not match a missing label",
                        pod("p").required(term(req("rack", "In", "r1"))), ssdZoneA, false),
                new Case("NotIn matches a label whose value is not listed",
                        pod("p").required(term(req("zone", "NotIn", "b"))), ssdZoneA, true),
                new Case("NotIn matches a missing label",
                        pod("p").required(term(req("rack", "NotIn", "r1"))), ssdZoneA, true),
                new Case("NotIn does not match a listed value",
                        pod("p").required(term(req("zone", "NotIn", "a"))), ssdZoneA, false),
                new Case("Exists matches a present label", pod("p").required(term(req("disk", "Exists"))), ssdZoneA,
                        true),
                new Case("Exists does not match a missing label", pod("p").required(term(req("gpu", "Exists"))),
                        ssdZoneA, false),
                new Case("DoesNotExist matches a missing label",
                        pod("p").required(term(req("gpu", "DoesNotExist"))), ssdZoneA, true),
                new Case("DoesNotExist does not match a present label",
                        pod("p").required(term(req("disk", "DoesNotExist"))), ssdZoneA, false),
                new Case("Gt compares integers: 8 > 4", pod("p").required(term(req("cores", "Gt", "4"))), ssdZoneA,
                        true),
                new Case("Gt is strict: 8 > 8 is false", pod("p").required(term(req("cores", "Gt", "8"))), ssdZoneA,
                        false),
                new Case("Lt compares integers, not strings: 8 < 10", pod("p").required(term(req("cores", "Lt", "10"))),
                        ssdZoneA, true),
                new Case("Gt on a non-integer label never matches", pod("p").required(term(req("zone", "Gt", "1"))),
                        ssdZoneA, false),
                new Case("Gt with two values is invalid and never matches",
                        pod("p").required(term(req("cores", "Gt", "1", "2"))), ssdZoneA, false),
                new Case("In without values is invalid and never matches",
                        pod("p").required(term(req("zone", "In"))), ssdZoneA, false),
                new Case("an unknown operator never matches",
                        pod("p").required(term(req("zone", "Like", "a"))), ssdZoneA, false),
                new Case("all requirements of a term must hold",
                        pod("p").required(term(req("zone", "In", "a"), req("disk", "In", "hdd"))), ssdZoneA, false),
                new Case("any one of several terms is enough",
                        pod("p").required(term(req("zone", "In", "b")), term(req("disk", "In", "ssd"))), ssdZoneA,
                        true),
                new Case("required affinity with no terms matches no node", pod("p").required(), ssdZoneA, false),
                new Case("a term without requirements matches no node", pod("p").required(term()), ssdZoneA, false),
                new Case("matchFields on metadata.name selects the node by name",
                        pod("p").required(fieldTerm(req("metadata.name", "In", "n1"))), ssdZoneA, true),
                new Case("matchFields on metadata.name rejects other nodes",
                        pod("p").required(fieldTerm(req("metadata.name", "In", "n2"))), ssdZoneA, false),
                new Case("nodeSelector and affinity must both hold",
                        pod("p").nodeSelector("disk", "hdd").required(term(req("zone", "In", "a"))), ssdZoneA, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterCases")
    void filter(Case c) {
        CycleState state = new CycleState();
        Pod p = c.pod().build();
        Status preFilter = plugin.preFilter(state, p);
        assertEquals(c.fits() ? Status.success() : MISMATCH, plugin.filter(state, p, NodeInfo.of(c.node().build())));
        assertTrue(preFilter.isSuccess() || preFilter.equals(Status.skip()) && c.fits(),
                () -> "pre-filter said " + preFilter + " for a pod that fits: " + c.fits());
    }

    /** Kubernetes' rule: no nodeSelector and no required affinity skip the filter, no preferred terms the score. */
    static Stream<Arguments> skipCases() {
        return Stream.of(
                Arguments.of("a pod without selector or affinity skips both", pod("p"), true, true),
                Arguments.of("a nodeSelector keeps the filter", pod("p").nodeSelector("disk", "ssd"), false, true),
                Arguments.of("required affinity keeps the filter", pod("p").required(term(req("zone", "In", "a"))),
                        false, true),
                Arguments.of("required affinity without terms keeps the filter, which rejects every node",
                        pod("p").required(), false, true),
                Arguments.of("preferred terms keep the score but skip the filter",
                        pod("p").preferred(10, term(req("zone", "In", "a"))), true, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("skipCases")
    void preFilterAndPreScoreSkip(String name, TestPod pod, boolean skipsFilter, boolean skipsScore) {
        Pod p = pod.build();
        List<NodeInfo> nodes = List.of(NodeInfo.of(node("n").build()));
        assertEquals(skipsFilter ? Status.skip() : Status.success(), plugin.preFilter(new CycleState(), p));
        assertEquals(skipsScore ? Status.skip() : Status.success(), plugin.preScore(new CycleState(), p, nodes));
    }

    record ScoreCase(String name, TestPod pod, List<TestNode> nodes, List<Long> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ScoreCase> scoreCases() {
        return Stream.of(
                new ScoreCase("without preferred terms every node scores 0",
                        pod("p"), List.of(node("a"), node("b")), List.of(0L, 0L)),
                new ScoreCase("the node matching the heavier preferred terms scores 100, others in proportion",
                        pod("p").preferred(20, term(req("zone", "In", "a"))).preferred(60, term(req("disk", "In", "ssd"))),
                        List.of(node("a").label("zone", "a"), node("b").label("disk", "ssd"),
                                node("c").label("zone", "a").label("disk", "ssd"), node("d")),
                        List.of(25L, 75L, 100L, 0L)),
                new ScoreCase("a preferred term that matches nowhere leaves all nodes at 0",
                        pod("p").preferred(50, term(req("zone", "In", "z"))),
                        List.of(node("a").label("zone", "a"), node("b")), List.of(0L, 0L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scoreCases")
    void score(ScoreCase c) {
        CycleState state = new CycleState();
        Pod p = c.pod().build();
        List<NodeInfo> nodes = c.nodes().stream().map(n -> NodeInfo.of(n.build())).toList();
        Status preScore = plugin.preScore(state, p, nodes);
        long[] scores = nodes.stream().mapToLong(n -> plugin.score(state, p, n)).toArray();
        plugin.normalizeScores(state, p, scores);
        assertEquals(c.expected(), Arrays.stream(scores).boxed().toList());
        if (preScore.equals(Status.skip())) {
            assertEquals(1, Arrays.stream(scores).distinct().count(), "skipped though nodes score differently");
        } else {
            assertEquals(Status.success(), preScore);
        }
    }
}
