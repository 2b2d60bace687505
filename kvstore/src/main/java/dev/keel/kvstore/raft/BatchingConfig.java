package dev.keel.kvstore.raft;

import java.time.Duration;

/**
 * How the proposal batcher coalesces concurrent writes into one Raft entry.
 *
 * @param maxCommands most commands in one entry (default 256)
 * @param maxBytes most serialized command bytes in one entry (default 1 MiB; a single larger
 *     command still goes alone)
 * @param linger how long a batch waits for more commands while earlier batches are in flight
 *     (default 1 ms); a lone write with nothing in flight is proposed at once
 * @param maxInFlight most batches proposed and not yet answered (default 16); while all are in
 *     flight, new commands gather into the next batch
 */
public record BatchingConfig(int maxCommands, int maxBytes, Duration linger, int maxInFlight) {

  public BatchingConfig {
    if (maxCommands < 1 || maxBytes < 1 || maxInFlight < 1 || linger.isNegative()) {
      throw new IllegalArgumentException("batching limits must be >= 1 and linger >= 0, got "
          + maxCommands + "/" + maxBytes + "/" + maxInFlight + "/" + linger);
    }
  }

  public static BatchingConfig defaults() {
    return new BatchingConfig(256, 1 << 20, Duration.ofMillis(1), 16);
  }
}
