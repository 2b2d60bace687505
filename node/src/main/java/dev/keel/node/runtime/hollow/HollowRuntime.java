package dev.keel.node.runtime.hollow;

import dev.keel.node.runtime.ContainerExitListener;
import dev.keel.node.runtime.ContainerId;
import dev.keel.node.runtime.ContainerInfo;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.runtime.ContainerSpec;
import dev.keel.node.runtime.RunResult;
import dev.keel.node.runtime.RuntimeState;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pretends to run containers, for scale tests with thousands of node agents in one JVM: {@link #run} succeeds at
 * once (any command, even none), the instance runs until {@link #stop}ped, and then exits with code 0 at once.
 * No processes, no threads, no files; a few hundred bytes per instance.
 *
 * <p>Thread-safe.
 */
public final class HollowRuntime implements ContainerRuntime {
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<ContainerId, ContainerInfo> instances = new ConcurrentHashMap<>();
    private volatile ContainerExitListener listener = info -> { };

    public HollowRuntime(Clock clock) {
        this.clock = clock;
    }

    @Override
    public RunResult run(ContainerSpec spec) {
        ContainerInfo info = new ContainerInfo(new ContainerId("hollow://" + ids.incrementAndGet()), spec.key(),
                spec.attempt(), spec.image(), clock.instant(), new RuntimeState.Running());
        instances.put(info.id(), info);
        return new RunResult.Started(info);
    }

    @Override
    public CompletableFuture<Optional<ContainerInfo>> stop(ContainerId id, Duration grace) {
        ContainerInfo[] exited = new ContainerInfo[1];
        ContainerInfo now = instances.computeIfPresent(id, (k, info) -> {
            if (!info.running()) {
                return info;
            }
            exited[0] = info.withState(RuntimeState.Exited.of(0, clock.instant()));
            return exited[0];
        });
        if (exited[0] != null) {
            listener.exited(exited[0]);
        }
        return CompletableFuture.completedFuture(Optional.ofNullable(now));
    }

    @Override
    public Optional<ContainerInfo> status(ContainerId id) {
        return Optional.ofNullable(instances.get(id));
    }

    @Override
    public List<ContainerInfo> list() {
        return List.copyOf(instances.values());
    }

    @Override
    public void remove(ContainerId id) {
        instances.remove(id);
    }

    @Override
    public void setExitListener(ContainerExitListener listener) {
        this.listener = listener;
    }

    @Override
    public String version() {
        return "hollow://0.1";
    }

    @Override
    public void close() {
        instances.clear();
    }
}
