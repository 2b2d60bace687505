package dev.keel.node;

import dev.keel.api.quantity.Quantity;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/** Reads this machine's memory, disk and pid use from /proc and the file system of the data directory. */
final class MachineReadings implements Supplier<NodeReadings> {
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Path LOADAVG = Path.of("/proc/loadavg");
    private static final Path PID_MAX = Path.of("/proc/sys/kernel/pid_max");

    private final Path dataDir;

    MachineReadings(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** A reading that could not be taken is 0 (no pressure reported for it). */
    @Override
    public NodeReadings get() {
        long diskFree = 0;
        long diskTotal = 0;
        try {
            FileStore fs = Files.getFileStore(existing(dataDir));
            diskFree = fs.getUsableSpace();
            diskTotal = fs.getTotalSpace();
        } catch (IOException e) {
            // unreadable: no disk pressure reported
        }
        return new NodeReadings(meminfo("MemAvailable"), meminfo("MemTotal"), diskFree, diskTotal, processes(),
                firstNumber(PID_MAX));
    }

    /** cpu = available processors, memory = MemTotal, pods, ephemeral-storage = size of the data dir's file system. */
    static Map<String, Quantity> machineCapacity(Path dataDir, int pods) {
        long disk = 0;
        try {
            disk = Files.getFileStore(existing(dataDir)).getTotalSpace();
        } catch (IOException e) {
            // unknown
        }
        return Map.of("cpu", Quantity.of(Runtime.getRuntime().availableProcessors()),
                "memory", Quantity.ofBytes(meminfo("MemTotal")),
                "pods", Quantity.of(pods),
                "ephemeral-storage", Quantity.ofBytes(disk));
    }

    static Map<String, Quantity> hollowCapacity(int pods) {
        return Map.of("cpu", Quantity.of(4), "memory", Quantity.ofBytes(16L << 30), "pods", Quantity.of(pods));
    }

    private static Path existing(Path p) {
        Path cur = p.toAbsolutePath();
        while (cur != null && !Files.exists(cur)) {
            cur = cur.getParent();
        }
        return cur == null ? Path.of("/") : cur;
    }

    /** A /proc/meminfo field in bytes (the file says kB), 0 if missing. */
    private static long meminfo(String field) {
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith(field + ":")) {
                    String[] f = line.substring(field.length() + 1).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** The total of "running/total" in /proc/loadavg's fourth field. */
    private static long processes() {
        try {
            String[] f = Files.readAllLines(LOADAVG).get(0).trim().split("\\s+");
            return Long.parseLong(f[3].substring(f[3].indexOf('/') + 1));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The number in a one-line file. Read line-wise: on some kernels a whole-file read of a sysctl file (which
     * reports size 0) returns only its first byte.
     */
    private static long firstNumber(Path file) {
        try {
            return Long.parseLong(Files.readAllLines(file).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
