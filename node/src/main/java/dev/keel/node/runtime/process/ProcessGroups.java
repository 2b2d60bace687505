package dev.keel.node.runtime.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and signals the members of a process group by scanning {@code /proc} (Java cannot signal a group, and
 * forking {@code kill -TERM -pgid} per stop is slower than a scan). A container's group is its session: the
 * runtime starts each container through {@code setsid}, so the group id is the main process's pid.
 *
 * <p>A process that leaves the group (calls setsid itself, daemonises into a new session) escapes, as it escapes
 * {@code kill -TERM -pgid}.
 */
final class ProcessGroups {
    private final Path proc;

    ProcessGroups(Path proc) {
        this.proc = proc;
    }

    /** The live (non-zombie) members of group {@code pgid}. */
    List<Long> members(long pgid) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(proc)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(name);
                } catch (NumberFormatException e) {
                    continue;
                }
                Optional<ProcStat> s = ProcStat.read(proc, pid);
                if (s.isPresent() && s.get().pgrp() == pgid && !s.get().zombie()) {
                    out.add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + proc + " to find the members of process group " + pgid, e);
        }
        return out;
    }

    /** Sends SIGTERM ({@code force=false}) or SIGKILL to every member of the group; returns how many were signalled. */
    int signal(long pgid, boolean force) {
        int n = 0;
        for (long pid : members(pgid)) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isPresent()) {
                boolean sent = force ? h.get().destroyForcibly() : h.get().destroy();
                if (sent) {
                    n++;
                }
            }
        }
        return n;
    }

    boolean empty(long pgid) {
        return members(pgid).isEmpty();
    }
}
