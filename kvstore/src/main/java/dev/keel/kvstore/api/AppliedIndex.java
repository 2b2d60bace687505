package dev.keel.kvstore.api;

/** The (term, index) of the last log entry a store state contains. */
public record AppliedIndex(long term, long index) {
  public AppliedIndex {
    if (term < 0 || index < 0) {
      throw new IllegalArgumentException("term and index must be >= 0, got " + term + "/" + index);
    }
  }
}
