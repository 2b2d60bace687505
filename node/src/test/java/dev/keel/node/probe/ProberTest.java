package dev.keel.node.probe;

import dev.keel.api.core.Container;
import dev.keel.api.core.ContainerPort;
import dev.keel.api.core.ExecAction;
import dev.keel.api.core.HttpGetAction;
import dev.keel.api.core.HttpHeader;
import dev.keel.api.core.Probe;
import dev.keel.api.core.TcpSocketAction;
import dev.keel.api.meta.IntOrString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One check of each kind against real processes and real servers on loopback. */
class ProberTest {
    @TempDir
    static Path dir;
    private static ScheduledExecutorService timer;
    private static ExecutorService starter;
    private static Prober prober;
    private static TestHttpServer http;

    @BeforeAll
    static void setUp() throws Exception {
        timer = Executors.newScheduledThreadPool(2);
        starter = Executors.newFixedThreadPool(2);
        prober = new Prober(ProbeConfig.defaults().withScratchDir(dir), timer, starter);
        http = TestHttpServer.http();
    }

    @AfterAll
    static void tearDown() {
        http.close();
        timer.shutdownNow();
        starter.shutdownNow();
    }

    private static ProbeTarget target(Container c) {
        return new ProbeTarget("ns/pod", c.name(), "c1", "127.0.0.1", c, Map.of("PATH", System.getenv("PATH")),
                dir);
    }

    private static ProbeTarget target() {
        return target(Container.builder().name("main")
                .ports(List.of(new ContainerPort("web", null, http.port(), null, null, Map.of()))).build());
    }

    private static ProbeResult check(Probe p, ProbeTarget t) throws Exception {
        return prober.probe(p, t).get(20, TimeUnit.SECONDS);
    }

    private static Probe exec(int timeout, String... command) {
        return Probe.builder().exec(new ExecAction(List.of(command), Map.of())).timeoutSeconds(timeout).build();
    }

    private static Probe httpGet(String path, IntOrString port, List<HttpHeader> headers) {
        return Probe.builder().httpGet(new HttpGetAction(path, port, null, null, headers, Map.of())).build();
    }

    @Test
    void execExitZeroIsSuccessAndSeesTheContainersEnvAndWorkingDir() throws Exception {
        ProbeTarget t = new ProbeTarget("ns/pod", "main", "c1", null, Container.of("main", "img"),
                Map.of("PATH", System.getenv("PATH"), "GREETING", "hello"), dir);
        ProbeResult r = check(exec(5, "sh", "-c", "test \"$GREETING\" = hello && test \"$(pwd)\" = '" + dir
                + "' && echo fine"), t);
        assertEquals(new ProbeResult.Success("fine"), r);
    }

    @Test
    void execNonZeroExitIsFailureWithItsOutput() throws Exception {
        ProbeResult r = check(exec(5, "sh", "-c", "echo broken >&2; exit 3"), target());
        assertInstanceOf(ProbeResult.Failure.class, r);
        assertTrue(r.message().contains("exited with 3") && r.message().contains("broken"), r.message());
    }

    @Test
    void execThatDoesNotExistIsFailure() throws Exception {
        ProbeResult r = check(exec(5, "/no/such/command"), target());
        assertInstanceOf(ProbeResult.Failure.class, r);
        assertTrue(r.message().contains("could not start"), r.message());
    }

    @Test
    void execIsKilledAtItsTimeout() throws Exception {
        Path pidFile = dir.resolve("sleeper.pid");
        ProbeResult r = check(exec(1, "sh", "-c", "echo $$ > " + pidFile + "; exec sleep 30"), target());
        assertInstanceOf(ProbeResult.Failure.class, r);
        assertTrue(r.message().contains("timed out"), r.message());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertTrue(System.nanoTime() < deadline, "the timed-out probe process " + pid + " is still alive");
            Thread.sleep(20); // polling the OS process table, which has no event to wait on
        }
    }

    @ParameterizedTest(name = "GET {0} answering {1} is {2}")
    @CsvSource({
            "/ok200, 200, Success",
            "/ok204, 204, Success",
            "/notmodified, 304, Success",
            "/missing, 404, Failure",
            "/broken, 500, Failure",
    })
    void httpStatusDecides(String path, int status, String expected) throws Exception {
        http.answer(path, status);
        ProbeResult r = check(httpGet(path, IntOrString.of(http.port()), List.of()), target());
        assertEquals(expected, r.getClass().getSimpleName(), r.message());
    }

    @Test
    void httpNamedPortResolvesAgainstTheContainerPorts() throws Exception {
        assertInstanceOf(ProbeResult.Success.class, check(httpGet("/", IntOrString.of("web"), List.of()), target()));
        ProbeResult r = check(httpGet("/", IntOrString.of("nope"), List.of()), target());
        assertInstanceOf(ProbeResult.Error.class, r);
        assertTrue(r.message().contains("nope"), r.message());
    }

    @Test
    void httpSendsTheProbeHeadersAndAUserAgent() throws Exception {
        int before = http.requestHeaders.size();
        check(httpGet("/hdr", IntOrString.of(http.port()), List.of(new HttpHeader("X-Custom", "yes", Map.of()))),
                target());
        Map<String, List<String>> h = http.requestHeaders.get(before);
        assertEquals(List.of("yes"), h.get("X-custom"));
        assertEquals(List.of("kube-probe/keel"), h.get("User-agent"));
    }

    @Test
    void httpFollowsSameHostRedirectsButNotOthers() throws Exception {
        http.answer("/to-bad", new TestHttpServer.Answer(302, "/bad", 0));
        http.answer("/bad", 503);
        http.answer("/to-good", new TestHttpServer.Answer(301, "/good", 0));
        http.answer("/good", 200);
        http.answer("/elsewhere", new TestHttpServer.Answer(302, "http://127.0.0.2:1/never", 0));
        assertInstanceOf(ProbeResult.Failure.class, check(httpGet("/to-bad", IntOrString.of(http.port()), List.of()),
                target()));
        assertInstanceOf(ProbeResult.Success.class, check(httpGet("/to-good", IntOrString.of(http.port()),
                List.of()), target()));
        ProbeResult r = check(httpGet("/elsewhere", IntOrString.of(http.port()), List.of()), target());
        assertInstanceOf(ProbeResult.Success.class, r);
        assertTrue(r.message().contains("not followed"), r.message());
    }

    @Test
    void httpSlowerThanTheTimeoutIsFailure() throws Exception {
        http.answer("/slow", new TestHttpServer.Answer(200, null, 3000));
        Probe p = httpGet("/slow", IntOrString.of(http.port()), List.of()).toBuilder().timeoutSeconds(1).build();
        ProbeResult r = check(p, target());
        assertInstanceOf(ProbeResult.Failure.class, r);
    }

    @Test
    void httpsTrustsAnyCertificate() throws Exception {
        try (TestHttpServer https = TestHttpServer.https()) {
            Probe p = Probe.builder().httpGet(new HttpGetAction("/", IntOrString.of(https.port()), "127.0.0.1",
                    "HTTPS", List.of(), Map.of())).timeoutSeconds(5).build();
            ProbeResult r = check(p, target());
            assertInstanceOf(ProbeResult.Success.class, r, r.message());
            assertEquals(1, https.hits.get());
        }
    }

    @Test
    void tcpConnectsOrFails() throws Exception {
        int closedPort;
        try (ServerSocket open = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Probe p = Probe.builder().tcpSocket(new TcpSocketAction(IntOrString.of(open.getLocalPort()), null,
                    Map.of())).build();
            assertInstanceOf(ProbeResult.Success.class, check(p, target()));
            closedPort = open.getLocalPort();
        }
        Probe p = Probe.builder().tcpSocket(new TcpSocketAction(IntOrString.of(closedPort), "127.0.0.1",
                Map.of())).build();
        assertInstanceOf(ProbeResult.Failure.class, check(p, target()));
    }

    @Test
    void aProbeWithoutHandlerIsAnError() throws Exception {
        assertInstanceOf(ProbeResult.Error.class, check(Probe.builder().build(), target()));
    }
}
