package dev.keel.controllers.scheduler;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.FrameworkTest.FixedScore;
import dev.keel.controllers.scheduler.FrameworkTest.RejectNodes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** {@link Status#skip()} from a pre-filter or a pre-score: the plugin's filter or score is not run in that cycle. */
class FrameworkSkipTest {
    /** A pre-filter answering {@code preFilter}; its filter admits every node and counts its calls. */
    record CountingFilter(String name, Status preFilter, AtomicInteger filterCalls)
            implements PreFilterPlugin, FilterPlugin {
        CountingFilter(Status preFilter) {
            this("Counting", preFilter, new AtomicInteger());
        }

        @Override
        public Status preFilter(CycleState state, Pod pod) {
            return preFilter;
        }

        @Override
        public Status filter(CycleState state, Pod pod, NodeInfo node) {
            filterCalls.incrementAndGet();
            return Status.success();
        }
    }

    /** A pre-score answering {@code preScore}; its score is 7 on every node; counts score and normalise calls. */
    record CountingScore(String name, Status preScore, AtomicInteger scoreCalls, AtomicInteger normalizeCalls)
            implements PreScorePlugin, ScorePlugin {
        CountingScore(Status preScore) {
            this("Same", preScore, new AtomicInteger(), new AtomicInteger());
        }

        @Override
        public Status preScore(CycleState state, Pod pod, List<NodeInfo> feasibleNodes) {
            return preScore;
        }

        @Override
        public long score(CycleState state, Pod pod, NodeInfo node) {
            scoreCalls.incrementAndGet();
            return 7;
        }

        @Override
        public void normalizeScores(CycleState state, Pod pod, long[] scores) {
            normalizeCalls.incrementAndGet();
        }
    }

    private static final Snapshot ABC = Snapshot.of(
            Stream.of("a", "b", "c").map(n -> node(n).build()).toList(), List.of());

    private static Status status(String name) {
        return name.equals("skip") ? Status.skip() : Status.success();
    }

    private static Framework framework(List<Plugin> plugins, Map<String, Integer> weights, TieBreaker tieBreaker) {
        return new Framework(new Profile(plugins, weights, 100), tieBreaker);
    }

    @ParameterizedTest(name = "pre-filter {0}: the filter runs on {1} of 3 nodes")
    @CsvSource({"success, 3", "skip, 0"})
    void aPreFilterSkipKeepsTheFilterOffEveryNode(String preFilter, int filterCalls) {
        CountingFilter counting = new CountingFilter(status(preFilter));
        ScheduleResult r = framework(List.of(counting), Map.of(), TieBreaker.byNodeName())
                .schedule(pod("p").build(), ABC);
        assertEquals(new ScheduleResult.Scheduled("a", 3, 3), r);
        assertEquals(filterCalls, counting.filterCalls().get());
    }

    @ParameterizedTest(name = "pre-filter {0}: the summary names only the other filter's reason")
    @CsvSource({"success", "skip"})
    void aSkippedFilterLeavesTheRejectionSummaryAsItWas(String preFilter) {
        RejectNodes rejectAll = new RejectNodes("RejectAll", Set.of("a", "b", "c"), n -> Status.unresolvable("no"));
        List<Plugin> plugins = List.of(new CountingFilter(status(preFilter)), rejectAll);
        ScheduleResult r = framework(plugins, Map.of(), TieBreaker.byNodeName()).schedule(pod("p").build(), ABC);
        FitError fit = assertInstanceOf(ScheduleResult.Unschedulable.class, r).fitError();
        assertEquals("0/3 nodes are available: 3 no.", fit.message());
        assertEquals(Set.of("RejectAll"), fit.unschedulablePlugins());
    }

    @Test
    void aFilterThatReturnsSkipFailsTheCycle() {
        RejectNodes skipper = new RejectNodes("Skipper", Set.of("b"), n -> Status.skip());
        ScheduleResult r = framework(List.of(skipper), Map.of(), TieBreaker.byNodeName())
                .schedule(pod("p").build(), ABC);
        assertEquals("filter plugin Skipper returned skip for pod default/p on node b; only a pre-filter may skip",
                assertInstanceOf(ScheduleResult.Failed.class, r).message());
    }

    @ParameterizedTest(name = "pre-score {0}: score called {1} times, normalise {2} times, b still chosen")
    @CsvSource({"success, 3, 1", "skip, 0, 0"})
    void aPreScoreSkipKeepsScoreAndNormaliseFromRunningAndChoosesTheSameNode(String preScore, int scoreCalls,
                                                                            int normalizeCalls) {
        CountingScore same = new CountingScore(status(preScore));
        FixedScore likesB = new FixedScore("LikesB", Map.of("b", 100L, "c", 50L), false);
        ScheduleResult r = framework(List.of(same, likesB), Map.of("Same", 5, "LikesB", 1), TieBreaker.byNodeName())
                .schedule(pod("p").build(), ABC);
        assertEquals(new ScheduleResult.Scheduled("b", 3, 3), r);
        assertEquals(scoreCalls, same.scoreCalls().get());
        assertEquals(normalizeCalls, same.normalizeCalls().get());
    }

    @ParameterizedTest(name = "pre-score {0}: totals {1}, {2}, {3}")
    @CsvSource({"success, 35, 135, 85", "skip, 0, 100, 50"})
    void aSkippedScorePluginAddsNothingToAnyTotal(String preScore, long a, long b, long c) {
        FixedScore likesB = new FixedScore("LikesB", Map.of("b", 100L, "c", 50L), false);
        Framework f = framework(List.of(new CountingScore(status(preScore)), likesB),
                Map.of("Same", 5, "LikesB", 1), TieBreaker.byNodeName());
        assertArrayEquals(new long[] {a, b, c}, f.scoreNodes(new CycleState(), pod("p").build(), ABC.nodeInfos()));
    }

    @Test
    void withARandomTieBreakerSkippingPicksTheSameNodesPodAfterPod() {
        List<List<String>> picks = new ArrayList<>();
        for (Status preScore : List.of(Status.success(), Status.skip())) {
            Framework f = framework(List.of(new CountingScore(preScore)), Map.of("Same", 3),
                    TieBreaker.random(new Random(11)));
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                chosen.add(assertInstanceOf(ScheduleResult.Scheduled.class, f.schedule(pod("p" + i).build(), ABC))
                        .nodeName());
            }
            picks.add(chosen);
        }
        assertEquals(picks.get(0), picks.get(1));
        assertEquals(Set.of("a", "b", "c"), Set.copyOf(picks.get(0)), "ties are still spread over all three");
    }
}
