package dev.keel.bench.kv;

import dev.keel.kvstore.client.KvClient;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/** One kind of request of a closed-loop run. Implementations are thread-safe. */
interface Operation {

  /**
   * Starts one request on {@code client}; the future completes when the reply arrives (or fails
   * with the request's error).
   *
   * @param random the calling client's own generator (not shared between clients)
   */
  CompletableFuture<?> start(KvClient client, SplittableRandom random);

  /** Workload-specific counts for the result, e.g. how many compare-and-swaps succeeded. */
  default Map<String, Long> counters() {
    return Map.of();
  }
}
