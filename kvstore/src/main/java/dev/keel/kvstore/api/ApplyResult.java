package dev.keel.kvstore.api;

import dev.keel.kvstore.proto.CommandResult;
import java.util.List;

/** What applying one log entry did. */
public sealed interface ApplyResult {

  /** The entry was applied: one result per command, in command order. */
  record Applied(List<CommandResult> results) implements ApplyResult {
    public Applied {
      results = List.copyOf(results);
    }
  }

  /** The entry's index was at or below the stored applied index: nothing changed. */
  record Skipped(long index, long appliedIndex) implements ApplyResult {}
}
