package dev.keel.kvstore.api;

/** A registered watcher. Closing it stops delivery (a call in progress may still finish). */
public interface Watch extends AutoCloseable {

  /** Store-wide unique id of this watcher. */
  long id();

  /**
   * True when the watcher has caught up with the store: every revision up to the store revision
   * at the time of the call has been handed to the listener or did not match.
   */
  boolean synced();

  /**
   * The highest revision R such that every matching event with revision <= R has been handed to
   * the listener (or R = startRevision - 1 if nothing was delivered yet).
   */
  long deliveredRevision();

  @Override
  void close();
}
