package dev.keel.node;

/**
 * What the node's pressure conditions are computed from, in bytes and counts.
 *
 * @param memoryAvailable {@code MemAvailable} of /proc/meminfo
 * @param memoryTotal     {@code MemTotal}
 * @param diskAvailable   free bytes (for unprivileged users) of the file system holding the data directory
 * @param diskTotal       its size
 * @param processes       scheduling entities (threads) in use, from /proc/loadavg
 * @param pidMax          /proc/sys/kernel/pid_max
 */
record NodeReadings(long memoryAvailable, long memoryTotal, long diskAvailable, long diskTotal, long processes,
                    long pidMax) {
    /** Pressure thresholds, the kubelet's default hard eviction ones where it has them. */
    static final long MEMORY_MIN_AVAILABLE = 100L << 20;
    static final double DISK_MIN_AVAILABLE_FRACTION = 0.10;
    static final double PID_MAX_USED_FRACTION = 0.95;

    boolean memoryPressure() {
        return memoryTotal > 0 && memoryAvailable < MEMORY_MIN_AVAILABLE;
    }

    boolean diskPressure() {
        return diskTotal > 0 && diskAvailable < diskTotal * DISK_MIN_AVAILABLE_FRACTION;
    }

    boolean pidPressure() {
        return pidMax > 0 && processes > pidMax * PID_MAX_USED_FRACTION;
    }

    /** Readings of a roomy machine, for hollow nodes. */
    static NodeReadings plenty() {
        return new NodeReadings(16L << 30, 16L << 30, 100L << 30, 100L << 30, 100, 4_194_304);
    }
}
