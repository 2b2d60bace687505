package dev.keel.node.probe;

import dev.keel.api.core.ExecAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an exec probe: the command as an OS process with the container's environment and working directory;
 * exit status 0 is success. Output (stdout and stderr) goes to a scratch file, not a pipe, so a command that
 * leaves children holding its output cannot stall the probe; its first {@code maxOutputBytes} become the message.
 * At the timeout the process and its descendants are killed and the check fails.
 *
 * <p>Only the fork runs on {@code starter}; the wait is {@link Process#onExit()}, so no probe thread is held.
 */
final class ExecCheck {
    private static final Logger log = LoggerFactory.getLogger(ExecCheck.class);

    private final ProbeConfig config;
    private final Executor starter;
    private final ScheduledExecutorService timer;

    ExecCheck(ProbeConfig config, Executor starter, ScheduledExecutorService timer) {
        this.config = config;
        this.starter = starter;
        this.timer = timer;
    }

    CompletableFuture<ProbeResult> run(ExecAction action, ProbeTarget target, Duration timeout) {
        if (action.command().isEmpty()) {
            return CompletableFuture.completedFuture(new ProbeResult.Error("exec probe has an empty command"));
        }
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        try {
            starter.execute(() -> start(action, target, timeout, result));
        } catch (RejectedExecutionException e) {
            result.complete(new ProbeResult.Error("probes are shutting down"));
        }
        return result;
    }

    private void start(ExecAction action, ProbeTarget target, Duration timeout,
                       CompletableFuture<ProbeResult> result) {
        Path out;
        try {
            out = Files.createTempFile(config.scratchDir(), "keel-probe-", ".out");
        } catch (IOException e) {
            result.complete(new ProbeResult.Error("cannot create the output file of an exec probe in "
                    + config.scratchDir() + ": " + e.getMessage()));
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(action.command()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        if (!target.env().isEmpty()) {
            pb.environment().clear();
            pb.environment().putAll(target.env());
        }
        if (target.workingDir() != null) {
            pb.directory(target.workingDir().toFile());
        }
        Process p;
        try {
            p = pb.start();
            p.getOutputStream().close(); // stdin: immediate end of file
        } catch (IOException e) {
            delete(out);
            result.complete(new ProbeResult.Failure("exec probe " + action.command() + " could not start: "
                    + e.getMessage()));
            return;
        }
        ScheduledFuture<?> killer = timer.schedule(() -> {
            if (result.complete(new ProbeResult.Failure("command " + action.command() + " timed out after "
                    + timeout.toSeconds() + "s"))) {
                kill(p);
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        p.onExit().whenComplete((done, err) -> {
            killer.cancel(false);
            String output = read(out);
            delete(out);
            int code = p.exitValue();
            result.complete(code == 0 ? new ProbeResult.Success(output)
                    : new ProbeResult.Failure("command " + action.command() + " exited with " + code
                    + (output.isEmpty() ? "" : ": " + output)));
        });
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private String read(Path out) {
        try (InputStream in = Files.newInputStream(out)) {
            return new String(in.readNBytes(config.maxOutputBytes()), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void delete(Path out) {
        try {
            Files.deleteIfExists(out);
        } catch (IOException e) {
            log.debug("cannot delete exec probe output {}: {}", out, e.getMessage());
        }
    }
}
