package dev.keel.kvstore.raft;

import dev.keel.kvstore.proto.CommandBatch;
import dev.keel.kvstore.proto.CommandResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the replica's other parts (the lessor) learn from the state machine. Callbacks run on Ratis
 * threads (the apply thread for {@link #onApplied} and {@link #onLeaderReady}): they must not
 * block.
 */
public interface StateMachineListener {

  /** An entry was applied on this replica; {@code results} are in command order. */
  default void onApplied(CommandBatch batch, List<CommandResult> results) {}

  /** The store was replaced by an installed snapshot (or opened at start). */
  default void onStoreOpened() {}

  /** This replica is leader and has applied the first entry of its term. */
  default void onLeaderReady() {}

  /** This replica is not (or no longer) the leader. */
  default void onNotLeader() {}

  /**
   * Answers a leader-side query (a lease keep-alive or time-to-live forwarded to the leader).
   * Called after a ReadIndex round, so this replica was leader for the read's index.
   */
  default CompletableFuture<byte[]> query(byte[] request) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("no query handler for " + request.length + " bytes"));
  }
}
