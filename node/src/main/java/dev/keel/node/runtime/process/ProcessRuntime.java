package dev.keel.node.runtime.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.node.runtime.ContainerExitListener;
import dev.keel.node.runtime.ContainerId;
import dev.keel.node.runtime.ContainerInfo;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.runtime.ContainerSpec;
import dev.keel.node.runtime.RunResult;
import dev.keel.node.runtime.RuntimeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs each container as an OS process: {@code setsid <command> <args>} (so the process leads a new session and
 * process group, and the whole tree can be signalled), the container's environment only, stdin from
 * {@code /dev/null}, stdout and stderr appended to the instance's log file. Exit codes are those of the main
 * process (128 + n when killed by signal n); when it exits the rest of its group is killed, as a container's
 * processes go with its main process.
 *
 * <p>Each instance has a state file under {@code stateDir} (pid, start time, exit code once observed). On start
 * the runtime reads them back: a process still alive with the same start time is adopted (watched again; its
 * exit code will be unknown, since it is no longer this JVM's child), a dead one is listed as exited.
 *
 * <p>Thread-safe.
 */
public final class ProcessRuntime implements ContainerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRuntime.class);
    private static final Path PROC = Path.of("/proc");
    private static final Duration GROUP_DRAIN = Duration.ofSeconds(5);
    private static final int UNKNOWN_EXIT = 255;

    private final Path stateDir;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final ProcessGroups groups = new ProcessGroups(PROC);
    private final ObjectMapper json = new ObjectMapper();
    private final Map<ContainerId, Instance> instances = new ConcurrentHashMap<>();
    private volatile ContainerExitListener listener = info -> { };
    /** Once closed, exits are no longer recorded: the next runtime on this state directory finds them, as after a crash. */
    private volatile boolean closed;

    /**
     * @param stateDir where state files live (created if missing); the instances found there are listed at once
     * @param timers   runs the SIGKILL after a grace period and the group drain checks; not owned
     */
    public ProcessRuntime(Path stateDir, ScheduledExecutorService timers, Clock clock) {
        this.stateDir = stateDir;
        this.timers = timers;
        this.clock = clock;
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the container state directory " + stateDir, e);
        }
        recover();
    }

    @Override
    public void setExitListener(ContainerExitListener listener) {
        this.listener = listener;
    }

    @Override
    public String version() {
        return "process://" + Runtime.version().feature();
    }

    @Override
    public RunResult run(ContainerSpec spec) {
        if (spec.command().isEmpty()) {
            return new RunResult.Failed("RunContainerError", "container \"" + spec.key().container()
                    + "\" has no command: the process runtime runs command + args (image \"" + spec.image()
                    + "\" is not pulled or run)");
        }
        Path dir = spec.workingDir() == null ? Path.of("").toAbsolutePath() : Path.of(spec.workingDir());
        if (!Files.isDirectory(dir)) {
            return new RunResult.Failed("RunContainerError", "working directory \"" + dir + "\" of container \""
                    + spec.key().container() + "\" does not exist");
        }
        String exe = spec.command().get(0);
        Optional<Path> resolved = Executables.resolve(exe, spec.env().get("PATH"), dir);
        if (resolved.isEmpty()) {
            return new RunResult.Failed("RunContainerError", "exec: \"" + exe + "\": "
                    + (exe.contains("/") ? "no such executable file" : "executable file not found in $PATH ("
                    + spec.env().getOrDefault("PATH", "") + ")"));
        }
        List<String> argv = new ArrayList<>();
        argv.add("setsid");
        argv.add(resolved.get().toString());
        argv.addAll(spec.command().subList(1, spec.command().size()));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
        pb.environment().clear();
        pb.environment().putAll(spec.env());
        Process p;
        try {
            Files.createDirectories(spec.logFile().getParent());
            p = pb.start();
        } catch (IOException e) {
            return new RunResult.Failed("RunContainerError", "cannot start " + argv + " for " + spec.key() + ": "
                    + e.getMessage());
        }
        Instant started = clock.instant();
        long pid = p.pid();
        long ticks = ProcStat.read(PROC, pid).map(ProcStat::startTime).orElse(-1L);
        ContainerInfo info = new ContainerInfo(new ContainerId("process://" + pid), spec.key(), spec.attempt(),
                spec.image(), started, new RuntimeState.Running());
        StateFile record = new StateFile(spec.key().podUid(), spec.key().namespace(), spec.key().podName(),
                spec.key().container(), spec.attempt(), spec.image(), pid, ticks, started.toEpochMilli(), null, null);
        Path file = StateFile.pathFor(stateDir, spec.key(), spec.attempt());
        record.write(json, file);
        Instance inst = new Instance(info, record, file);
        instances.put(info.id(), inst);
        LOG.info("started {} attempt {}: pid {} {}", spec.key(), spec.attempt(), pid, spec.command());
        p.onExit().whenComplete((proc, err) -> {
            int code = err == null ? proc.exitValue() : UNKNOWN_EXIT;
            onExit(inst, RuntimeState.Exited.of(code, clock.instant()));
        });
        return new RunResult.Started(info);
    }

    @Override
    public CompletableFuture<Optional<ContainerInfo>> stop(ContainerId id, Duration grace) {
        Instance inst = instances.get(id);
        if (inst == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (inst.info().running()) {
            int n = groups.signal(inst.pgid, grace.isZero());
            LOG.info("stopping {} ({}): {} to {} process(es) of group {}, grace {}", inst.info().key(), id,
                    grace.isZero() ? "SIGKILL" : "SIGTERM", n, inst.pgid, grace);
            if (!grace.isZero()) {
                var kill = timers.schedule(() -> {
                    if (inst.info().running() || !groups.empty(inst.pgid)) {
                        LOG.info("{} ({}) outlived its grace period of {}: SIGKILL to group {}", inst.info().key(),
                                id, grace, inst.pgid);
                        groups.signal(inst.pgid, true);
                    }
                }, grace.toMillis(), TimeUnit.MILLISECONDS);
                inst.exited.whenComplete((i, e) -> kill.cancel(false));
            }
        }
        return inst.exited.thenApply(Optional::of);
    }

    @Override
    public Optional<ContainerInfo> status(ContainerId id) {
        return Optional.ofNullable(instances.get(id)).map(Instance::info);
    }

    @Override
    public List<ContainerInfo> list() {
        return instances.values().stream().map(Instance::info).toList();
    }

    @Override
    public void remove(ContainerId id) {
        Instance inst = instances.remove(id);
        if (inst == null) {
            return;
        }
        if (inst.info().running() || !groups.empty(inst.pgid)) {
            groups.signal(inst.pgid, true);
        }
        try {
            Files.deleteIfExists(inst.stateFile);
        } catch (IOException e) {
            LOG.warn("cannot delete the state file {} of {}: {}", inst.stateFile, inst.info().key(), e.toString());
        }
    }

    @Override
    public void close() {
        // Processes are left running on purpose: the next start adopts them.
        closed = true;
    }

    /** The main process has exited: kill what is left of its group, record the exit, tell the agent. */
    private void onExit(Instance inst, RuntimeState.Exited state) {
        if (closed) {
            return;
        }
        StateFile rec = inst.record();
        boolean observed = !"ContainerStatusUnknown".equals(state.reason());
        StateFile updated = observed ? rec.exited(state.exitCode(), state.finishedAt().toEpochMilli()) : rec;
        if (!inst.markExited(state, updated)) {
            return;
        }
        if (instances.containsKey(inst.info().id())) {
            try {
                updated.write(json, inst.stateFile);
            } catch (UncheckedIOException e) {
                LOG.warn("{}", e.getMessage());
            }
        }
        LOG.info("{} ({}) exited with code {} ({})", inst.info().key(), inst.info().id(), state.exitCode(),
                state.reason());
        drainGroup(inst, System.nanoTime() + GROUP_DRAIN.toNanos());
    }

    /** Kills the rest of the group, then completes the instance once the group is empty (or after a bound). */
    private void drainGroup(Instance inst, long deadline) {
        if (!groups.empty(inst.pgid) && System.nanoTime() < deadline) {
            groups.signal(inst.pgid, true);
            timers.schedule(() -> drainGroup(inst, deadline), 20, TimeUnit.MILLISECONDS);
            return;
        }
        if (!groups.empty(inst.pgid)) {
            LOG.warn("process group {} of {} still has members {} after SIGKILL", inst.pgid, inst.info().key(),
                    groups.members(inst.pgid));
        }
        ContainerInfo info = inst.info();
        inst.exited.complete(info);
        try {
            listener.exited(info);
        } catch (RuntimeException e) {
            LOG.warn("exit listener failed for {}: {}", info.key(), e.toString(), e);
        }
    }

    /** Reads the state files of a previous run of the agent: adopts live processes, lists dead ones as exited. */
    private void recover() {
        List<Path> files;
        try (var s = Files.list(stateDir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the container state directory " + stateDir, e);
        }
        for (Path f : files) {
            StateFile rec;
            try {
                rec = StateFile.read(json, f);
            } catch (IOException e) {
                LOG.warn("ignoring the unreadable state file {}: {}", f, e.toString());
                continue;
            }
            adopt(rec, f);
        }
    }

    private void adopt(StateFile rec, Path file) {
        ContainerId id = new ContainerId("process://" + rec.pid());
        Instant started = Instant.ofEpochMilli(rec.startedAtMillis());
        Optional<ProcStat> stat = ProcStat.read(PROC, rec.pid());
        boolean alive = rec.exitCode() == null && stat.isPresent() && !stat.get().zombie()
                && stat.get().startTime() == rec.startTicks();
        ContainerInfo running = new ContainerInfo(id, rec.key(), rec.attempt(), rec.image(), started,
                new RuntimeState.Running());
        Instance inst = new Instance(running, rec, file);
        instances.put(id, inst);
        if (alive) {
            LOG.info("adopted {} attempt {}: pid {} still running", rec.key(), rec.attempt(), rec.pid());
            Optional<ProcessHandle> h = ProcessHandle.of(rec.pid());
            CompletableFuture<ProcessHandle> exit = h.isPresent() ? h.get().onExit()
                    : CompletableFuture.completedFuture(null);
            exit.whenComplete((x, e) -> onExit(inst, unknownExit()));
            return;
        }
        RuntimeState.Exited state = rec.exitCode() != null
                ? RuntimeState.Exited.of(rec.exitCode(), Instant.ofEpochMilli(rec.finishedAtMillis()))
                : unknownExit();
        inst.markExited(state, rec);
        inst.exited.complete(inst.info());
        // Leftovers of the group die with their leader. When the pid now names another process (another start
        // time), the group id is that process's, not ours: leave it alone.
        boolean reused = stat.isPresent() && stat.get().startTime() != rec.startTicks();
        if (!reused && !groups.empty(rec.pid())) {
            groups.signal(rec.pid(), true);
        }
    }

    private RuntimeState.Exited unknownExit() {
        return new RuntimeState.Exited(UNKNOWN_EXIT, "ContainerStatusUnknown",
                "the process exited while the node agent was not its parent (adopted after an agent restart): "
                        + "its exit code is unknown", clock.instant());
    }
}
