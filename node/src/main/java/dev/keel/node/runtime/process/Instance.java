package dev.keel.node.runtime.process;

import dev.keel.node.runtime.ContainerInfo;
import dev.keel.node.runtime.RuntimeState;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One container instance the process runtime tracks: its main process (the group leader), its state file, and a
 * future completed once its exit has been handled (state file updated, rest of the group killed).
 */
final class Instance {
    final long pgid;
    final Path stateFile;
    final CompletableFuture<ContainerInfo> exited = new CompletableFuture<>();
    /** Guards {@code info} and {@code record} changes (the exit handler and stop race). */
    private final Object lock = new Object();
    private ContainerInfo info;
    private StateFile record;

    Instance(ContainerInfo info, StateFile record, Path stateFile) {
        this.info = info;
        this.record = record;
        this.pgid = record.pid();
        this.stateFile = stateFile;
    }

    ContainerInfo info() {
        synchronized (lock) {
            return info;
        }
    }

    StateFile record() {
        synchronized (lock) {
            return record;
        }
    }

    /** Records the exit; false if it was recorded before (exits are handled once). */
    boolean markExited(RuntimeState.Exited state, StateFile newRecord) {
        synchronized (lock) {
            if (!info.running()) {
                return false;
            }
            info = info.withState(state);
            record = newRecord;
            return true;
        }
    }
}
