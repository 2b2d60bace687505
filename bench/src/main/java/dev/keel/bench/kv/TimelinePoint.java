package dev.keel.bench.kv;

/**
 * One interval (normally a second) of a run.
 *
 * @param second end of the interval, in seconds since measuring started
 * @param throughput successful requests per second in the interval
 * @param latency latency of the requests that completed in the interval
 */
record TimelinePoint(double second, double throughput, Percentiles latency) {}
