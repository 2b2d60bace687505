package dev.keel.kvstore.watch;

/** The store's durable events, read by watchers that fell behind. Thread-safe. */
public interface EventLog {

  /**
   * Reads the events of at most {@code maxRevisions} revisions starting at {@code fromRevision}
   * (inclusive), from one consistent view of the store.
   *
   * @param withPrevKv attach to each event the key-value before it, when still available
   */
  CatchUp read(long fromRevision, int maxRevisions, boolean withPrevKv);
}
