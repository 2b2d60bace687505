package dev.keel.kvstore.api;

import dev.keel.kvstore.proto.Event;
import java.util.List;

/**
 * Receives a watcher's events. Calls for one watcher never overlap and come in revision order,
 * on a store delivery thread: implementations must not block for long (a slow listener makes its
 * watcher fall behind and catch up from disk; it never stalls writers).
 */
public interface WatchListener {

  /**
   * Events of one or more whole revisions, in (revision, sub-revision) order, never empty, never
   * repeating an event already delivered.
   *
   * @param events the matching events, filtered as the spec asks
   */
  void onEvents(List<Event> events);

  /**
   * The watcher's next revision has been compacted away; no more calls follow.
   *
   * @param compactRevision the store's compacted revision
   */
  void onCompacted(long compactRevision);

  /**
   * Whether the listener can take more events now. When it says no (say its network buffer is
   * full), the store keeps the events: first in the watcher's bounded queue, then, once that is
   * full, on disk, from where the watcher catches up later. Delivery is retried about every
   * 100 ms. Must be cheap and must not block.
   */
  default boolean ready() {
    return true;
  }
}
