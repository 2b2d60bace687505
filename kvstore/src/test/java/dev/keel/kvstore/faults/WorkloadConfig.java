package dev.keel.kvstore.faults;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Shape of the client workload.
 *
 * @param clients client threads, each one request at a time (default 4)
 * @param keys size of the key space {@code k0..k<n-1>} (default 5, at most 10: keys sort as strings)
 * @param callTimeout deadline of each request; a write that misses it has an unknown outcome
 *     (default 6 s: a follower's forwarded write may first wait 5 s for a leader that is gone)
 * @param maxThinkMillis pause between two requests of a client, uniform in [0, max] (default 5)
 */
record WorkloadConfig(int clients, int keys, Duration callTimeout, int maxThinkMillis) {

  WorkloadConfig {
    if (clients < 1 || keys < 1 || keys > 10 || maxThinkMillis < 0) {
      throw new IllegalArgumentException("need clients >= 1, keys in 1..10, think >= 0; got "
          + clients + "/" + keys + "/" + maxThinkMillis);
    }
  }

  static WorkloadConfig defaults() {
    return new WorkloadConfig(4, 5, Duration.ofSeconds(6), 5);
  }

  /** The keys, sorted. */
  List<String> keyNames() {
    return IntStream.range(0, keys).mapToObj(i -> "k" + i).toList();
  }

  /** The common prefix of the keys. */
  static String prefix() {
    return "k";
  }
}
