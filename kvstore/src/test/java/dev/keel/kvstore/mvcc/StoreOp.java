package dev.keel.kvstore.mvcc;

import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.RangeRequest;
import java.util.List;

/**
 * One step of a generated history. Revisions that only make sense against the state reached so
 * far (compaction targets, past reads) are drawn as a {@code choice} and resolved when run.
 */
public sealed interface StoreOp {

  /** A write through the single-command convenience method. */
  record Write(Command command) implements StoreOp {
    @Override
    public String toString() {
      return "Write{" + command.toString().replace('\n', ' ') + "}";
    }
  }

  /**
   * A compaction: {@code forward} picks a revision above the compacted one (valid unless nothing
   * is left to compact), otherwise any revision in [1, current + 1].
   */
  record Compact(boolean forward, int choice) implements StoreOp {}

  /** Several writes (Write or Compact) as one log entry through {@code apply}. */
  record Batch(List<StoreOp> writes) implements StoreOp {}

  /** A read; {@code revisionMode} 0 = as in the request, 1 = a past revision picked by choice. */
  record Read(RangeRequest request, int revisionMode, int choice) implements StoreOp {
    @Override
    public String toString() {
      return "Read{" + request.toString().replace('\n', ' ') + " mode=" + revisionMode
          + " choice=" + choice + "}";
    }
  }

  /** Close the store and open it again on the same directory. */
  record Reopen() implements StoreOp {}
}
