package dev.keel.node.probe;

import dev.keel.api.core.Probe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs one check of a probe against a container instance: exec, httpGet or tcpSocket, whichever the probe has
 * (exactly one, as validation requires; exec wins if several are set). The future always completes normally,
 * within the probe's timeout plus scheduling slack: never exceptionally.
 *
 * <p>Thread-safe. Does not own its executors: {@code timer} times checks and completes HTTP requests,
 * {@code execStarter} forks exec probe processes. {@link ProbeManager} builds one; the agent may also use one
 * directly, e.g. for a one-off check.
 */
public final class Prober {
    private final ExecCheck exec;
    private final HttpGetCheck httpGet;
    private final TcpSocketCheck tcpSocket;

    public Prober(ProbeConfig config, ScheduledExecutorService timer, ExecutorService execStarter) {
        this.exec = new ExecCheck(config, execStarter, timer);
        this.httpGet = new HttpGetCheck(timer);
        this.tcpSocket = new TcpSocketCheck(timer);
    }

    /** One check of {@code probe} against {@code target}, bounded by the probe's timeoutSeconds (default 1). */
    public CompletableFuture<ProbeResult> probe(Probe probe, ProbeTarget target) {
        Duration timeout = ProbeTiming.of(probe).timeout();
        try {
            if (probe.exec() != null) {
                return exec.run(probe.exec(), target, timeout);
            }
            if (probe.httpGet() != null) {
                return httpGet.run(probe.httpGet(), target, timeout);
            }
            if (probe.tcpSocket() != null) {
                return tcpSocket.run(probe.tcpSocket(), target, timeout);
            }
        } catch (RuntimeException e) { // a check must never fail its caller's loop
            return CompletableFuture.completedFuture(new ProbeResult.Error("probe of " + target + " failed to run: "
                    + e));
        }
        return CompletableFuture.completedFuture(new ProbeResult.Error("probe has no exec, httpGet or tcpSocket"));
    }
}
