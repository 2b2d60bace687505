package dev.keel.controllers.scheduler;

import static dev.keel.controllers.scheduler.testing.TestNode.node;
import static dev.keel.controllers.scheduler.testing.TestNode.req;
import static dev.keel.controllers.scheduler.testing.TestNode.term;
import static dev.keel.controllers.scheduler.testing.TestPod.pod;

import dev.keel.api.core.Node;
import dev.keel.api.core.Pod;
import dev.keel.controllers.scheduler.cache.SchedulerCache;
import dev.keel.controllers.scheduler.plugins.DefaultProfile;
import dev.keel.controllers.scheduler.testing.FakeTicker;
import dev.keel.controllers.scheduler.testing.TestNode;
import dev.keel.controllers.scheduler.testing.TestPod;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded replay of many scheduling cycles through the cache and the default profile, writing every decision
 * (chosen node, nodes evaluated and feasible, or the fit error) to a file: run it before and after a change to the
 * scheduler's internals and compare the files; they must be equal. Runs only with {@code -Dreplay.out=FILE}:
 * {@code mvn -o -pl controllers -am verify -Dtest=DecisionReplay -Dsurefire.failIfNoSpecifiedTests=false
 * -Dreplay.out=/tmp/decisions.txt}.
 *
 * <p>Nodes differ in size, labels, taints and cordons; pods in requests (also init containers and none), owners,
 * tolerations, selectors, affinity and host ports. Between cycles, assumed pods are confirmed by a "watch" at
 * random, some bound pods are deleted, and some nodes change, as the informers would do.
 */
class DecisionReplay {
    private static final String[] ZONES = {"a", "b", "c"};

    @Test
    void replay() throws IOException {
        String out = System.getProperty("replay.out");
        Assumptions.assumeTrue(out != null && !out.isEmpty(), "set -Dreplay.out=FILE to run the replay");
        List<String> lines = new ArrayList<>();
        lines.addAll(run(7, 600, 6000));
        lines.addAll(run(11, 5000, 4000));
        lines.addAll(run(13, 50, 900));
        Files.write(Path.of(out), lines);
    }

    private static List<String> run(long seed, int nodes, int pods) {
        Random r = new Random(seed);
        SchedulerCache cache = new SchedulerCache(new FakeTicker(), Duration.ofMinutes(5));
        Framework framework = new Framework(DefaultProfile.create(), TieBreaker.random(new Random(seed + 1)));
        List<Node> nodeObjects = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Node n = randomNode(r, "n-" + Integer.toString(r.nextInt(1_000_000), 36) + "-" + i).build();
            nodeObjects.add(n);
            cache.addOrUpdateNode(n);
        }
        List<Pod> assumed = new ArrayList<>();
        List<Pod> bound = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Snapshot snapshot = null;
        for (int i = 0; i < pods; i++) {
            Pod p = randomPod(r, "p" + i);
            snapshot = cache.refresh(snapshot); // as the scheduling loop does
            ScheduleResult result = framework.schedule(p, snapshot);
            lines.add(seed + " " + p.metadata().name() + " " + describe(result));
            if (result instanceof ScheduleResult.Scheduled s) {
                cache.assume(p, s.nodeName());
                assumed.add(p.withSpec(p.spec().withNodeName(s.nodeName())));
            }
            while (!assumed.isEmpty() && r.nextInt(3) == 0) { // the watch confirms some
                Pod confirmed = assumed.remove(r.nextInt(assumed.size()));
                cache.addPod(confirmed);
                bound.add(confirmed);
            }
            if (!bound.isEmpty() && r.nextInt(10) == 0) { // a bound pod goes away
                Pod gone = bound.remove(r.nextInt(bound.size()));
                cache.removePod(gone.metadata().key());
            }
            if (r.nextInt(50) == 0) { // a node changes
                int at = r.nextInt(nodeObjects.size());
                Node changed = randomNode(r, nodeObjects.get(at).metadata().name()).build();
                nodeObjects.set(at, changed);
                cache.addOrUpdateNode(changed);
            }
        }
        return lines;
    }

    private static String describe(ScheduleResult result) {
        if (result instanceof ScheduleResult.Scheduled s) {
            return "-> " + s.nodeName() + " " + s.evaluatedNodes() + " " + s.feasibleNodes();
        }
        if (result instanceof ScheduleResult.Unschedulable u) {
            return "unschedulable " + u.fitError().message();
        }
        return "failed " + ((ScheduleResult.Failed) result).message();
    }

    private static TestNode randomNode(Random r, String name) {
        TestNode n = node(name).cpu(new String[]{"2", "4", "8", "3500m"}[r.nextInt(4)])
                .memory(new String[]{"8Gi", "16Gi", "32Gi", "12G"}[r.nextInt(4)])
                .pods(r.nextInt(8) == 0 ? 5 : 110)
                .label("zone", ZONES[r.nextInt(ZONES.length)]);
        if (r.nextInt(4) == 0) {
            n.label("disk", r.nextBoolean() ? "ssd" : "hdd");
        }
        int taint = r.nextInt(20);
        if (taint == 0) {
            n.taint("dedicated", "gpu", "NoSchedule");
        } else if (taint == 1) {
            n.taint("spot", null, "PreferNoSchedule");
        } else if (taint == 2) {
            n.taint("spot", null, "PreferNoSchedule").taint("old", "yes", "PreferNoSchedule");
        } else if (taint == 3) {
            n.taint("maint", "x", "NoExecute");
        }
        if (r.nextInt(30) == 0) {
            n.unschedulable();
        }
        return n;
    }

    private static Pod randomPod(Random r, String name) {
        TestPod p = pod(name).namespace("ns" + r.nextInt(3));
        String cpu = new String[]{null, "100m", "250m", "1", "1500m"}[r.nextInt(5)];
        String memory = new String[]{null, "128Mi", "1Gi", "3Gi"}[r.nextInt(4)];
        if (cpu != null) {
            p.cpu(cpu);
        }
        if (memory != null) {
            p.memory(memory);
        }
        if (r.nextInt(8) == 0) {
            p.container("50m", null);
        }
        if (r.nextInt(10) == 0) {
            p.initContainer("2", "256Mi");
        }
        if (r.nextInt(3) == 0) {
            p.ownedBy(r.nextBoolean() ? "ReplicaSet" : "StatefulSet", "owner" + r.nextInt(15));
        }
        if (r.nextInt(8) == 0) {
            p.toleration("spot", "Exists", null, r.nextBoolean() ? "PreferNoSchedule" : null);
        }
        if (r.nextInt(12) == 0) {
            p.toleration("dedicated", "Equal", "gpu", "NoSchedule");
        }
        if (r.nextInt(40) == 0) {
            p.toleration("node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule");
        }
        if (r.nextInt(10) == 0) {
            p.nodeSelector("zone", ZONES[r.nextInt(ZONES.length)]);
        }
        if (r.nextInt(15) == 0) {
            p.required(term(req("disk", "In", "ssd")));
        }
        if (r.nextInt(8) == 0) {
            p.preferred(1 + r.nextInt(50), term(req("zone", "In", ZONES[r.nextInt(ZONES.length)])));
        }
        if (r.nextInt(25) == 0) {
            p.port(r.nextBoolean() ? 80 : 443, 8080, "TCP", null);
        }
        return p.build();
    }
}
