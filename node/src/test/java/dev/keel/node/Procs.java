package dev.keel.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Looks at the OS process table for tests. */
final class Procs {
    private Procs() {
    }

    /** Whether {@code pid} is a live process (a zombie is dead). */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** The pid of a {@code process://<pid>} container id. */
    static long pid(String containerId) {
        if (containerId == null || !containerId.startsWith("process://")) {
            throw new AssertionError("not a process container id: " + containerId);
        }
        return Long.parseLong(containerId.substring("process://".length()));
    }

    /** The pid and its descendants, as they are now. */
    static List<Long> tree(long pid) {
        return ProcessHandle.of(pid).map(h -> java.util.stream.Stream.concat(java.util.stream.Stream.of(h),
                h.descendants()).map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
