package dev.keel.bench.soak;

/**
 * One second of the run.
 *
 * @param seconds since the run began (before the fleet started)
 * @param phase "nodes" (the fleet starts), "ramp" (pods start) or "hold"
 * @param cpuPercent this JVM's CPU in the last second, percent of one core
 * @param heapAfterGcMib heap used after the last collection
 * @param loadAverage the machine's one-minute load average
 * @param openFiles file descriptors of this JVM (the clients' and the servers' sockets, store files)
 * @param nodes fleet Nodes registered; readyNodes those with Ready=True
 * @param pods pods of the run seen; bound those with a node; running those Running
 * @param getMillis latest probe GET of a node (NaN: failed); listMillis, patchMillis likewise
 * @param leaseLagMaxSeconds latest Lease reading: max of now - renewTime over the fleet;
 *     leaseLagP99Seconds its 99th percentile
 */
record SoakSample(double seconds, String phase, double cpuPercent, double heapAfterGcMib,
    double loadAverage, long openFiles, int nodes, int readyNodes, int pods, int bound, int running,
    double getMillis, double listMillis, double patchMillis, double leaseLagMaxSeconds,
    double leaseLagP99Seconds) {}
