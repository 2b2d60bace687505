package dev.keel.node.probe;

import dev.keel.api.core.Container;
import dev.keel.api.core.ExecAction;
import dev.keel.api.core.HttpGetAction;
import dev.keel.api.core.Probe;
import dev.keel.api.meta.IntOrString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Probe timing, thresholds, startup gating and lifecycle, against a real HTTP server and real processes. */
class ProbeManagerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private TestHttpServer http;
    private ProbeManager manager;
    private final LinkedBlockingQueue<ProbeEvent> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void setUp() throws Exception {
        http = TestHttpServer.http();
        manager = new ProbeManager(ProbeConfig.defaults().withScratchDir(dir), events::add).start();
    }

    @AfterEach
    void tearDown() {
        manager.close();
        http.close();
    }

    private Probe httpProbe(String path) {
        return Probe.builder().httpGet(new HttpGetAction(path, IntOrString.of(http.port()), null, null, List.of(),
                Map.of())).periodSeconds(1).build();
    }

    private Probe fileProbe(Path file) {
        return Probe.builder().exec(new ExecAction(List.of("test", "-f", file.toString()), Map.of()))
                .periodSeconds(1).build();
    }

    private ProbeTarget target(String id, Container.Builder c) {
        return new ProbeTarget("ns/pod", "main", id, "127.0.0.1", c.name("main").build(),
                Map.of("PATH", System.getenv("PATH")), dir);
    }

    private ProbeEvent next() throws InterruptedException {
        ProbeEvent e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(e, "no probe event within " + WAIT);
        return e;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20); // polling state that has no event to wait on
        }
    }

    @Test
    void readinessFollowsTheServerWithThresholds() throws Exception {
        http.answer("/ready", 200);
        Probe p = httpProbe("/ready").toBuilder().successThreshold(2).failureThreshold(2).build();
        manager.add(target("c1", Container.builder().readinessProbe(p)));
        assertEquals(new ContainerProbeStatus(true, false, true), manager.status("c1").orElseThrow());

        ProbeEvent ready = next();
        assertEquals(ProbeType.READINESS, ready.type());
        assertEquals(ProbeState.SUCCESS, ready.state());
        assertTrue(http.hits.get() >= 2, "successThreshold 2 needs two checks, saw " + http.hits.get());
        assertTrue(manager.status("c1").orElseThrow().ready());

        http.answer("/ready", 500);
        ProbeEvent unready = next();
        assertEquals(ProbeState.FAILURE, unready.state());
        assertTrue(unready.message().contains("500"), unready.message());
        assertFalse(manager.status("c1").orElseThrow().ready());

        http.answer("/ready", 200); // readiness keeps probing after a failure
        assertEquals(ProbeState.SUCCESS, next().state());
    }

    @Test
    void livenessFailsAfterTheThresholdAndThenStopsProbing() throws Exception {
        Path healthy = Files.createFile(dir.resolve("healthy"));
        Probe p = fileProbe(healthy).toBuilder().failureThreshold(2).build();
        manager.add(target("c1", Container.builder().livenessProbe(p)));
        assertTrue(manager.status("c1").orElseThrow().live());
        Files.delete(healthy);
        ProbeEvent dead = next();
        assertEquals(ProbeType.LIVENESS, dead.type());
        assertEquals(ProbeState.FAILURE, dead.state());
        assertFalse(manager.status("c1").orElseThrow().live());
        Files.createFile(healthy); // too late: the container is to be restarted; this instance stays dead
        assertEquals(ProbeState.FAILURE, manager.state("c1", ProbeType.LIVENESS).orElseThrow());
    }

    @Test
    void livenessFailsAfterExactlyFailureThresholdChecks() throws Exception {
        Path checks = dir.resolve("checks");
        Probe p = Probe.builder().exec(new ExecAction(List.of("sh", "-c", "echo x >> " + checks + "; exit 1"),
                Map.of())).periodSeconds(1).failureThreshold(3).build();
        manager.add(target("c1", Container.builder().livenessProbe(p)));
        ProbeEvent dead = next();
        assertEquals(ProbeState.FAILURE, dead.state());
        assertEquals(3, lines(checks));
    }

    @Test
    void startupGatesLivenessAndReadiness() throws Exception {
        Path started = dir.resolve("started");
        Path checks = dir.resolve("checks");
        http.answer("/ready", 200);
        Probe startup = Probe.builder().exec(new ExecAction(List.of("sh", "-c", "echo x >> " + checks + "; test -f "
                + started), Map.of())).periodSeconds(1).failureThreshold(30).build();
        manager.add(target("c1", Container.builder().startupProbe(startup).readinessProbe(httpProbe("/ready"))
                .livenessProbe(httpProbe("/live"))));
        await(() -> lines(checks) >= 2, "two startup checks");
        // Not started after two startup checks: the HTTP probes (initial delay 0) have not run.
        assertEquals(new ContainerProbeStatus(false, false, true), manager.status("c1").orElseThrow());
        assertEquals(0, http.hits.get());

        Files.createFile(started);
        ProbeEvent first = next();
        assertEquals(ProbeType.STARTUP, first.type());
        assertEquals(ProbeState.SUCCESS, first.state());
        ProbeEvent second = next();
        assertEquals(ProbeType.READINESS, second.type());
        assertEquals(ProbeState.SUCCESS, second.state());
        assertEquals(new ContainerProbeStatus(true, true, true), manager.status("c1").orElseThrow());
        assertTrue(http.hits.get() > 0);
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void startupFailureMarksTheContainerNotLive() throws Exception {
        manager.add(target("c1", Container.builder().startupProbe(fileProbe(dir.resolve("never")).toBuilder()
                .failureThreshold(2).build())));
        ProbeEvent e = next();
        assertEquals(ProbeType.STARTUP, e.type());
        assertEquals(ProbeState.FAILURE, e.state());
        assertEquals(new ContainerProbeStatus(false, false, false), manager.status("c1").orElseThrow());
    }

    @Test
    void initialDelayHoldsTheFirstCheck() throws Exception {
        long added = System.nanoTime();
        manager.add(target("c1", Container.builder().readinessProbe(httpProbe("/").toBuilder()
                .initialDelaySeconds(2).build())));
        assertEquals(ProbeState.SUCCESS, next().state());
        assertTrue(System.nanoTime() - added >= TimeUnit.SECONDS.toNanos(2),
                "the first check ran before initialDelaySeconds");
    }

    @Test
    void removeStopsTheWorkersAndANewInstanceStartsFresh() throws Exception {
        http.answer("/ready", 200);
        manager.add(target("c1", Container.builder().readinessProbe(httpProbe("/ready"))));
        assertEquals(ProbeState.SUCCESS, next().state());
        manager.remove("c1");
        assertTrue(manager.status("c1").isEmpty());
        assertEquals(0, manager.size());

        manager.add(target("c2", Container.builder().readinessProbe(httpProbe("/ready").toBuilder()
                .initialDelaySeconds(1).build())));
        assertFalse(manager.status("c2").orElseThrow().ready()); // a restarted container is not ready at first
        ProbeEvent e = next();
        assertEquals("c2", e.target().containerId());
        assertEquals(ProbeState.SUCCESS, e.state());
    }

    @Test
    void aContainerWithoutProbesIsStartedReadyAndLive() {
        manager.add(target("c1", Container.builder()));
        assertEquals(new ContainerProbeStatus(true, true, true), manager.status("c1").orElseThrow());
        assertTrue(manager.state("c1", ProbeType.READINESS).isEmpty());
    }
}
