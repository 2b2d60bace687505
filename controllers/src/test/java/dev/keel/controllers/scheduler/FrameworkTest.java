package dev.keel.controllers.scheduler;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.plugins.DefaultProfile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

class FrameworkTest {
    /** A score plugin whose raw score is given per node name; optionally normalised the Kubernetes way. */
    record FixedScore(String name, Map<String, Long> raw, boolean normalize) implements ScorePlugin {
        @Override
        public long score(CycleState state, Pod pod, NodeInfo node) {
            return raw.getOrDefault(node.name(), 0L);
        }

        @Override
        public void normalizeScores(CycleState state, Pod pod, long[] scores) {
            if (normalize) {
                ScorePlugin.defaultNormalize(scores, false);
            }
        }
    }

    /** A filter that rejects the listed nodes, or throws for them. */
    record RejectNodes(String name, Set<String> nodes, Function<String, Status> status) implements FilterPlugin {
        @Override
        public Status filter(CycleState state, Pod pod, NodeInfo node) {
            return nodes.contains(node.name()) ? status.apply(node.name()) : Status.success();
        }
    }

    private static Snapshot nodes(String... names) {
        List<Node> list = new ArrayList<>();
        for (String n : names) {
            list.add(node(n).build());
        }
        return Snapshot.of(list, List.of());
    }

    private static Framework framework(List<Plugin> plugins, Map<String, Integer> weights) {
        return new Framework(new Profile(plugins, weights, 100), TieBreaker.byNodeName());
    }

    @Test
    void scoresAreNormalisedPerPluginThenWeightedAndSummed() {
        FixedScore spread = new FixedScore("Spread", Map.of("a", 1L, "b", 4L, "c", 0L), true);
        FixedScore flat = new FixedScore("Flat", Map.of("a", 100L, "b", 0L, "c", 50L), false);
        Framework f = framework(List.of(spread, flat), Map.of("Spread", 2, "Flat", 1));
        List<NodeInfo> feasible = nodes("a", "b", "c").nodeInfos();
        long[] totals = f.scoreNodes(new CycleState(), pod("p").build(), feasible);
        // Spread normalised: a 25, b 100, c 0; times 2, plus Flat.
        assertArrayEquals(new long[] {150, 200, 50}, totals);
        assertEquals("b", new Framework(new Profile(List.of(spread, flat), Map.of("Spread", 2, "Flat", 1), 100),
                TieBreaker.byNodeName()).schedule(pod("p").build(), nodes("a", "b", "c")) instanceof
                ScheduleResult.Scheduled s ? s.nodeName() : "not scheduled");
    }

    @Test
    void aHeavierWeightTurnsTheDecision() {
        FixedScore likesA = new FixedScore("LikesA", Map.of("a", 100L), false);
        FixedScore likesB = new FixedScore("LikesB", Map.of("b", 100L), false);
        Snapshot s = nodes("a", "b");
        assertEquals(new ScheduleResult.Scheduled("a", 2, 2),
                framework(List.of(likesA, likesB), Map.of("LikesA", 3, "LikesB", 1)).schedule(pod("p").build(), s));
        assertEquals(new ScheduleResult.Scheduled("b", 2, 2),
                framework(List.of(likesA, likesB), Map.of("LikesA", 1, "LikesB", 3)).schedule(pod("p").build(), s));
    }

    @Test
    void aScoreOutsideZeroToHundredFailsTheCycleNamingThePluginAndNode() {
        FixedScore broken = new FixedScore("Broken", Map.of("a", 150L), false);
        ScheduleResult r = framework(List.of(broken), Map.of("Broken", 1)).schedule(pod("p").build(), nodes("a", "b"));
        ScheduleResult.Failed failed = assertInstanceOf(ScheduleResult.Failed.class, r);
        assertEquals("score plugin Broken gave node a the score 150 for pod default/p, expected 0..100",
                failed.message());
    }

    @Test
    void aFilterThatThrowsFailsTheCycleInsteadOfEscaping() {
        RejectNodes throwing = new RejectNodes("Throwing", Set.of("b"), n -> {
            throw new IllegalStateException("boom");
        });
        ScheduleResult r = framework(List.of(throwing), Map.of()).schedule(pod("p").build(), nodes("a", "b"));
        ScheduleResult.Failed failed = assertInstanceOf(ScheduleResult.Failed.class, r);
        assertEquals("filter plugin Throwing failed for pod default/p on node b: boom", failed.message());
    }

    @Test
    void withOneFeasibleNodeScoringIsSkipped() {
        RejectNodes onlyA = new RejectNodes("OnlyA", Set.of("b", "c"), n -> Status.unresolvable("not a"));
        FixedScore broken = new FixedScore("Broken", Map.of("a", 150L), false);
        assertEquals(new ScheduleResult.Scheduled("a", 3, 1),
                framework(List.of(onlyA, broken), Map.of("Broken", 1)).schedule(pod("p").build(), nodes("a", "b", "c")));
    }

    @Test
    void anUnschedulablePodGetsKubernetesSummaryFromTheDefaultPlugins() {
        Snapshot s = Snapshot.of(List.of(
                node("n1").cpu("1").build(), node("n2").cpu("1").build(), node("n3").cpu("1").build(),
                node("n4").taint("key", "value", "NoSchedule").build(),
                node("n5").taint("key", "value", "NoSchedule").build()), List.of());
        Framework f = new Framework(DefaultProfile.create(), TieBreaker.byNodeName());
        ScheduleResult r = f.schedule(pod("big").cpu("2").build(), s);
        FitError fit = assertInstanceOf(ScheduleResult.Unschedulable.class, r).fitError();
        assertEquals("0/5 nodes are available: 2 node(s) had untolerated taint {key: value}, 3 Insufficient cpu.",
                fit.message());
        assertEquals(Set.of("NodeResourcesFit", "TaintToleration"), fit.unschedulablePlugins());
    }

    @Test
    void aPreFilterRejectionBecomesTheWholeMessage() {
        PreFilterPlugin refuse = new PreFilterPlugin() {
            @Override
            public String name() {
                return "Refuse";
            }

            @Override
            public Status preFilter(CycleState state, Pod pod) {
                return Status.unresolvable("pod asks for something no node has");
            }
        };
        ScheduleResult r = framework(List.of(refuse), Map.of()).schedule(pod("p").build(), nodes("a", "b"));
        assertEquals("0/2 nodes are available: pod asks for something no node has.",
                assertInstanceOf(ScheduleResult.Unschedulable.class, r).fitError().message());
    }

    @Test
    void anEmptyClusterIsUnschedulableWithKubernetesWording() {
        ScheduleResult r = new Framework(DefaultProfile.create(), TieBreaker.byNodeName())
                .schedule(pod("p").build(), nodes());
        assertEquals("no nodes available to schedule pods",
                assertInstanceOf(ScheduleResult.Unschedulable.class, r).fitError().message());
    }

    /** Schedules one pod with a framework on nodes c, a, b (scored 10) and d (scored 5); answers the node picked. */
    private static Function<Framework, String> tiedHost() {
        Snapshot nodes = nodes("c", "a", "b", "d");
        Pod p = pod("p").build();
        return f -> assertInstanceOf(ScheduleResult.Scheduled.class, f.schedule(p, nodes)).nodeName();
    }

    private static Framework tied(TieBreaker tieBreaker) {
        FixedScore score = new FixedScore("Fixed", Map.of("c", 10L, "a", 10L, "b", 10L, "d", 5L), false);
        return new Framework(new Profile(List.of(score), Map.of("Fixed", 1), 100), tieBreaker);
    }

    @Test
    void tiesGoToTheFirstNodeByNameOrToTheInjectedRandom() {
        Function<Framework, String> host = tiedHost();
        assertEquals("a", host.apply(tied(TieBreaker.byNodeName())));

        List<List<String>> offered = new ArrayList<>();
        host.apply(tied(candidates -> {
            offered.add(List.copyOf(candidates));
            return candidates.get(0);
        }));
        assertEquals(List.of(List.of("a", "b", "c")), offered, "the equal best, sorted by name");

        Framework random = tied(TieBreaker.random(new Random(7)));
        Set<String> picked = new HashSet<>();
        IntStream.range(0, 200).forEach(i -> picked.add(host.apply(random)));
        assertEquals(Set.of("a", "b", "c"), picked);

        Framework sameSeed1 = tied(TieBreaker.random(new Random(42)));
        Framework sameSeed2 = tied(TieBreaker.random(new Random(42)));
        for (int i = 0; i < 20; i++) {
            assertEquals(host.apply(sameSeed1), host.apply(sameSeed2));
        }
    }

    @Test
    void theTieBreakerGetsTheEqualBestSortedByNameAlsoWhenTheVisitWraps() {
        // 250 equal nodes, 120 evaluated per cycle: the third cycle starts at node 240 and wraps to node 0.
        String[] names = IntStream.range(0, 250).mapToObj(i -> String.format("node-%03d", (i * 7919) % 1000))
                .toArray(String[]::new);
        Snapshot snapshot = nodes(names);
        List<List<String>> offered = new ArrayList<>();
        Framework f = new Framework(new Profile(List.of(new FixedScore("same", Map.of(), false)), Map.of("same", 1), 0),
                candidates -> {
                    offered.add(candidates);
                    return candidates.get(candidates.size() / 2);
                });
        for (int i = 0; i < 5; i++) {
            assertInstanceOf(ScheduleResult.Scheduled.class, f.schedule(pod("p" + i).build(), snapshot));
        }
        assertEquals(5, offered.size());
        for (List<String> c : offered) {
            assertEquals(120, c.size());
            assertEquals(c.stream().sorted().toList(), c, "sorted by name");
        }
        assertTrue(offered.get(2).contains(snapshot.nodeInfos().get(0).name())
                && offered.get(2).contains(snapshot.nodeInfos().get(249).name()), "the third cycle wrapped");
    }

    @ParameterizedTest(name = "{0} nodes at {1}% -> look for {2} feasible nodes")
    @CsvSource({
        "50, 0, 50",
        "100, 0, 100",
        "1000, 0, 420",
        "5000, 0, 500",
        "10000, 0, 500",
        "1000, 100, 1000",
        "1000, 20, 200",
        "300, 10, 100"})
    void numberOfFeasibleNodesToFindFollowsKubernetes(int nodes, int percentage, int expected) {
        Framework f = new Framework(new Profile(List.of(), Map.of(), percentage), TieBreaker.byNodeName());
        assertEquals(expected, f.numFeasibleNodesToFind(nodes));
    }

    @Test
    void successiveCyclesStartFilteringWhereThePreviousStopped() {
        String[] names = IntStream.range(0, 300).mapToObj(i -> String.format("n%03d", i)).toArray(String[]::new);
        Snapshot s = nodes(names);
        Set<String> seen = new HashSet<>();
        FixedScore none = new FixedScore("None", Map.of(), false);
        Framework f = new Framework(new Profile(List.of(none), Map.of("None", 1), 10), TieBreaker.byNodeName());
        for (int i = 0; i < 3; i++) {
            ScheduleResult.Scheduled r = assertInstanceOf(ScheduleResult.Scheduled.class, f.schedule(pod("p").build(), s));
            assertEquals(100, r.evaluatedNodes());
            seen.add(r.nodeName());
        }
        assertEquals(Set.of("n000", "n100", "n200"), seen);
        assertTrue(f.numFeasibleNodesToFind(300) < 300);
    }
}
