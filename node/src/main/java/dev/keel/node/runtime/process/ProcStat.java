package dev.keel.node.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/<pid>/stat} the process runtime needs (see proc(5)).
 *
 * @param pid       the process id
 * @param state     R, S, D, Z (zombie), T, ...
 * @param pgrp      its process group id
 * @param session   its session id
 * @param startTime when it started, in clock ticks after boot: with the pid, identifies a process across pid reuse
 */
record ProcStat(long pid, char state, long pgrp, long session, long startTime) {

    boolean zombie() {
        return state == 'Z' || state == 'X';
    }

    /** Reads the stat of {@code pid} under {@code proc}; empty if there is no such process. */
    static Optional<ProcStat> read(Path proc, long pid) {
        String line;
        try {
            // Line-wise: whole-file reads of size-0 proc files can come back short on some kernels.
            java.util.List<String> lines = Files.readAllLines(proc.resolve(Long.toString(pid)).resolve("stat"),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            line = lines.isEmpty() ? "" : lines.get(0);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // The process went away while we read, or /proc is not readable: treat as gone.
            return Optional.empty();
        }
        return parse(pid, line);
    }

    /** Parses a stat line; the command name (field 2) may contain spaces and parentheses, so fields start after the last ')'. */
    static Optional<ProcStat> parse(long pid, String line) {
        int close = line.lastIndexOf(')');
        if (close < 0 || close + 2 >= line.length()) {
            return Optional.empty();
        }
        String[] f = line.substring(close + 2).trim().split(" ");
        if (f.length < 20) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
