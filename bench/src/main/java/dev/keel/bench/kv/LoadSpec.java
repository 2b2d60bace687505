package dev.keel.bench.kv;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One load run, validated.
 *
 * @param workload what to send
 * @param endpoints "host:port" of the etcd-API client ports; connection i goes to endpoint
 *     {@code i % endpoints.size()} (as etcd's benchmark tool does)
 * @param clients requests in flight (closed loop: each client sends its next request when the
 *     previous one is answered); for {@link Workload#WATCH} the number of watchers
 * @param conns gRPC channels the clients share, client i uses channel {@code i % conns}
 * @param total measured requests (puts for watch); 0 = until {@code duration}
 * @param duration measured time; zero = until {@code total}
 * @param warmup time before measuring starts (requests are sent but not recorded)
 * @param keySize key length in bytes (zero-padded decimal key numbers)
 * @param valSize value length in bytes (at least 8 for watch: it carries the send time)
 * @param keySpace keys are drawn uniformly from [0, keySpace)
 * @param serializable range reads are serializable (local) instead of linearizable
 * @param rate puts per second for the watch workload
 * @param timeout deadline of one request
 */
record LoadSpec(Workload workload, List<String> endpoints, int clients, int conns, long total,
    Duration duration, Duration warmup, int keySize, int valSize, int keySpace,
    boolean serializable, int rate, Duration timeout) {

  LoadSpec {
    endpoints = List.copyOf(endpoints);
    require(!endpoints.isEmpty(), "--endpoints must name at least one host:port");
    require(clients >= 1, "--clients must be >= 1, got " + clients);
    require(conns >= 1 && conns <= clients,
        "--conns must be between 1 and --clients (" + clients + "), got " + conns);
    require(total >= 0, "--total must be >= 0, got " + total);
    require(!duration.isNegative() && !warmup.isNegative(), "--duration and --warmup must be >= 0");
    require(total > 0 || !duration.isZero(), "give --total or --duration (or both)");
    require(keySpace >= 1, "--key-space must be >= 1, got " + keySpace);
    int digits = Long.toString(keySpace - 1L).length();
    require(keySize >= digits && keySize <= 4096, "--key-size must be between " + digits
        + " (digits of the largest key number in --key-space " + keySpace + ") and 4096, got "
        + keySize);
    int minValue = workload == Workload.WATCH ? 8 : 0;
    require(valSize >= minValue && valSize <= 1 << 20,
        "--val-size must be between " + minValue + " and 1048576 for " + workload.name()
            .toLowerCase() + ", got " + valSize);
    require(rate >= 1, "--rate must be >= 1, got " + rate);
    require(timeout.toMillis() > 0, "--timeout must be > 0, got " + timeout);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Default step name: workload, consistency for reads, requests in flight ("range-s-64"). */
  String defaultName() {
    String base = workload.name().toLowerCase();
    if (workload == Workload.RANGE) {
      base += serializable ? "-s" : "-l";
    }
    return base + "-" + clients;
  }

  /** The options as recorded in the JSON result, in a stable order. */
  Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("workload", workload.name().toLowerCase());
    m.put("endpoints", String.join(",", endpoints));
    m.put("clients", Integer.toString(clients));
    m.put("conns", Integer.toString(conns));
    m.put("total", Long.toString(total));
    m.put("duration", duration.toString());
    m.put("warmup", warmup.toString());
    m.put("keySize", Integer.toString(keySize));
    m.put("valSize", Integer.toString(valSize));
    m.put("keySpace", Integer.toString(keySpace));
    m.put("consistency", serializable ? "s" : "l");
    if (workload == Workload.WATCH) {
      m.put("rate", Integer.toString(rate));
    }
    m.put("timeout", timeout.toString());
    return m;
  }
}
