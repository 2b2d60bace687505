package dev.keel.node.probe;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the probe machinery.
 *
 * @param threads        threads of the shared scheduler that times every probe and completes HTTP and TCP checks
 *                       (default 2: checks are asynchronous, so thousands of containers need no more)
 * @param execThreads    threads that start exec probe processes (fork and exec block briefly; waiting for the
 *                       exit does not hold one) (default 2)
 * @param maxOutputBytes how much of an exec probe's output is kept for the message (default 10 KiB, as kubelet)
 * @param scratchDir     where exec probe output is captured while the command runs (default: the system
 *                       temporary directory)
 */
public record ProbeConfig(int threads, int execThreads, int maxOutputBytes, Path scratchDir) {
    public ProbeConfig {
        if (threads < 1 || execThreads < 1) {
            throw new IllegalArgumentException("threads and execThreads must be positive, got " + threads
                    + " and " + execThreads);
        }
        if (maxOutputBytes < 0) {
            throw new IllegalArgumentException("maxOutputBytes must not be negative, got " + maxOutputBytes);
        }
        Objects.requireNonNull(scratchDir, "scratchDir");
    }

    public static ProbeConfig defaults() {
        return new ProbeConfig(2, 2, 10 * 1024, Path.of(System.getProperty("java.io.tmpdir")));
    }

    public ProbeConfig withThreads(int threads, int execThreads) {
        return new ProbeConfig(threads, execThreads, maxOutputBytes, scratchDir);
    }

    public ProbeConfig withScratchDir(Path dir) {
        return new ProbeConfig(threads, execThreads, maxOutputBytes, dir);
    }
}
