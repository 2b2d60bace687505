package dev.keel.controllers.scheduler;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestNode.req;
import static dev.keel.controllers.scheduler.testing.TestNode.term;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.plugins.DefaultProfile;
import dev.keel.controllers.scheduler.testing.TestNode;
import dev.keel.controllers.scheduler.testing.TestPod;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Skipping is decision-preserving: the default profile, whose plugins skip their filter or score when it would
 * admit every node or score every node alike, chooses the same node (or gives the same "0/N nodes" summary) as a
 * naive reference that calls every filter and every score plugin on every node.
 */
class FrameworkSkipProperties {
    private static final List<String> OWNERS = List.of("web", "db");

    /** A pod as generated: each field is one way a plugin may or may not skip. */
    record PodCase(int milliCpu, String nodeName, String selectorZone, String requiredZone,
                   List<String> preferredZones, String port, String owner, boolean toleratesDedicated) {
        Pod build(String name) {
            TestPod p = pod(name).cpu(milliCpu + "m");
            Optional.ofNullable(nodeName).ifPresent(p::nodeName);
            Optional.ofNullable(selectorZone).ifPresent(z -> p.nodeSelector("zone", z));
            Optional.ofNullable(requiredZone).ifPresent(z -> p.required(term(req("zone", "In", z))));
            for (int i = 0; i < preferredZones.size(); i++) {
                p.preferred(10 * (i + 1), term(req("zone", "In", preferredZones.get(i))));
            }
            if ("container".equals(port)) {
                p.port(8080);
            } else if ("host".equals(port)) {
                p.port(9000, 80, "TCP", null);
            }
            Optional.ofNullable(owner).ifPresent(o -> p.ownedBy("ReplicaSet", o));
            if (toleratesDedicated) {
                p.toleration("dedicated", "Exists", null, null);
            }
            return p.build();
        }
    }

    record NodeCase(String zone, String taintEffect, boolean cordoned, List<PodCase> running) {
        NodeInfo build(String name) {
            TestNode n = node(name).cpu("4").label("zone", zone);
            Optional.ofNullable(taintEffect).ifPresent(e -> n.taint("dedicated", "x", e));
            if (cordoned) {
                n.unschedulable();
            }
            List<Pod> pods = new ArrayList<>();
            for (int i = 0; i < running.size(); i++) {
                Pod p = running.get(i).build(name + "-r" + i);
                pods.add(p.withSpec(p.spec().withNodeName(name)));
            }
            return NodeInfo.of(n.build(), pods);
        }
    }

    @Property(tries = 500)
    void skippingChangesNoDecision(@ForAll("pods") PodCase incoming,
                                   @ForAll @Size(min = 1, max = 6) List<@From("nodes") NodeCase> nodes,
                                   @ForAll long seed) {
        List<NodeInfo> infos = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            infos.add(nodes.get(i).build("n" + i));
        }
        Snapshot snapshot = Snapshot.of(infos);
        Pod pod = incoming.build("incoming");
        Profile profile = DefaultProfile.create();
        ScheduleResult actual = new Framework(profile, TieBreaker.random(new Random(seed))).schedule(pod, snapshot);
        String expected = reference(profile, pod, snapshot.nodeInfos(), TieBreaker.random(new Random(seed)));
        Statistics.label("outcome").collect(actual instanceof ScheduleResult.Scheduled s
                ? (s.feasibleNodes() > 1 ? "scored" : "one feasible node") : actual.getClass().getSimpleName());
        assertEquals(expected, describe(actual));
    }

    private static String describe(ScheduleResult r) {
        if (r instanceof ScheduleResult.Scheduled s) {
            return "scheduled on " + s.nodeName();
        }
        if (r instanceof ScheduleResult.Unschedulable u) {
            return u.fitError().message();
        }
        return r.toString();
    }

    /** Every filter on every node, every score plugin on every feasible node: no pre-step, no skip. */
    private static String reference(Profile profile, Pod pod, List<NodeInfo> nodes, TieBreaker tieBreaker) {
        List<NodeInfo> feasible = new ArrayList<>();
        Map<String, Status> rejected = new HashMap<>();
        Set<String> rejecting = new LinkedHashSet<>();
        for (NodeInfo n : nodes) {
            Optional<FilterPlugin> first = profile.pluginsOf(FilterPlugin.class).stream()
                    .filter(f -> !f.filter(new CycleState(), pod, n).isSuccess()).findFirst();
            first.ifPresentOrElse(f -> {
                rejected.put(n.name(), f.filter(new CycleState(), pod, n));
                rejecting.add(f.name());
            }, () -> feasible.add(n));
        }
        if (feasible.isEmpty()) {
            return new FitError(pod.metadata().key(), nodes.size(), rejected, Optional.empty(), rejecting).message();
        }
        if (feasible.size() == 1) {
            return "scheduled on " + feasible.get(0).name();
        }
        long[] totals = new long[feasible.size()];
        for (ScorePlugin p : profile.pluginsOf(ScorePlugin.class)) {
            long[] scores = feasible.stream().mapToLong(n -> p.score(new CycleState(), pod, n)).toArray();
            p.normalizeScores(new CycleState(), pod, scores);
            for (int i = 0; i < totals.length; i++) {
                totals[i] += scores[i] * profile.weightOf(p);
            }
        }
        long best = Arrays.stream(totals).max().orElseThrow();
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < totals.length; i++) {
            if (totals[i] == best) {
                candidates.add(feasible.get(i).name());
            }
        }
        candidates.sort(null);
        return "scheduled on " + tieBreaker.pick(candidates);
    }

    @Provide
    Arbitrary<PodCase> pods() {
        Arbitrary<Integer> cpu = Arbitraries.of(0, 250, 1000);
        Arbitrary<String> nodeName = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just((String) null)),
                Tuple.of(1, Arbitraries.of("", "n0", "n1")));
        Arbitrary<String> zone = Arbitraries.of("a", "b").injectNull(0.7);
        Arbitrary<List<String>> preferred = Arbitraries.of("a", "b").list().ofMaxSize(2);
        Arbitrary<String> port = Arbitraries.of("container", "host").injectNull(0.6);
        Arbitrary<String> owner = Arbitraries.of(OWNERS).injectNull(0.4);
        Arbitrary<Boolean> tolerates = Arbitraries.of(true, true, false);
        return Combinators.combine(cpu, nodeName, zone, zone, preferred, port, owner, tolerates).as(PodCase::new);
    }

    @Provide
    Arbitrary<NodeCase> nodes() {
        Arbitrary<String> zone = Arbitraries.of("a", "b");
        Arbitrary<String> taint = Arbitraries.of("NoSchedule", "PreferNoSchedule").injectNull(0.5);
        Arbitrary<Boolean> cordoned = Arbitraries.of(false, false, false, false, false, true);
        Arbitrary<PodCase> runningPod = Combinators.combine(Arbitraries.of(250, 1000),
                Arbitraries.of("container", "host").injectNull(0.5), Arbitraries.of(OWNERS).injectNull(0.3))
                .as((cpu, port, owner) -> new PodCase(cpu, null, null, null, List.of(), port, owner, true));
        return Combinators.combine(zone, taint, cordoned, runningPod.list().ofMaxSize(2)).as(NodeCase::new);
    }
}
