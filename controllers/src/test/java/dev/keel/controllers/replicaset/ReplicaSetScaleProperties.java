package dev.keel.controllers.replicaset;

import dev.keel.api.apps.ReplicaSet;
import dev.keel.api.core.Pod;
import dev.keel.controllers.ControllerContext;
import dev.keel.controllers.testing.Await;
import dev.keel.controllers.testing.ControlPlane;
import dev.keel.controllers.testing.FakeKubelet;
import dev.keel.controllers.testing.PodStateMonitor;
import dev.keel.controllers.testing.Scaling;
import dev.keel.controllers.util.PodConditions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random sequences of scale requests, sent back to back without waiting: the ReplicaSet ends with exactly the last
 * requested number of active pods, all owned by it, and on no watched state does it have more active pods than the
 * largest number requested so far (expectations keep a stale cache from over-creating).
 */
class ReplicaSetScaleProperties {
    private static Path dir;
    private static ControlPlane plane;
    private static final AtomicInteger TRY = new AtomicInteger();

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("rs-props");
        plane = ControlPlane.start(dir);
        ControllerContext ctx = plane.newContext("replicaset-controller");
        ReplicaSetController rsc = plane.track(new ReplicaSetController(ctx,
                ReplicaSetControllerConfig.defaults().withWorkers(2)));
        ControlPlane.startInformers(ctx);
        rsc.start();
        plane.track(new FakeKubelet(plane.client(), Duration.ofMillis(5), Duration.ofMillis(80)).start());
    }

    @AfterContainer
    static void stop() throws IOException {
        if (plane != null) {
            plane.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Property(tries = 6)
    void convergesToTheLastRequestedScale(@ForAll @IntRange(min = 0, max = 5) int initial,
                                          @ForAll @Size(min = 1, max = 5) List<@IntRange(min = 0, max = 7) Integer> scales) {
        String ns = "rs-prop-" + TRY.incrementAndGet();
        plane.createNamespace(ns);
        int max = Math.max(initial, scales.stream().mapToInt(Integer::intValue).max().orElse(0));
        ReplicaSet rs = plane.client().replicaSets().create(ReplicaSetControllerTest.replicaSet(ns, "web", initial,
                Map.of("app", "web")));
        try (PodStateMonitor monitor = new PodStateMonitor(plane.client(), ns, pods -> {
            long active = pods.stream().filter(PodConditions::isActive).count();
            return active > max ? active + " active pods, more than the largest scale " + max : null;
        })) {
            for (int s : scales) {
                Scaling.scale(plane.client().replicaSets(), ns, "web", s);
            }
            int last = scales.get(scales.size() - 1);
            ReplicaSetControllerTest.awaitConverged(plane, ns, "web", last);
            Await.until(Duration.ofSeconds(30), "terminating pods to be gone", () -> plane.client().pods()
                    .list(ns, dev.keel.api.client.ListOptions.all()).items().size() == last);
            List<Pod> pods = plane.client().pods().list(ns, dev.keel.api.client.ListOptions.all()).items();
            for (Pod p : pods) {
                assertEquals(rs.metadata().uid(), p.metadata().controllerRef().orElseThrow().uid());
            }
            assertEquals(List.of(), monitor.violations());
        }
    }
}
