package dev.keel.kvstore.client;

import dev.keel.kvstore.proto.Event;
import java.util.List;

/**
 * Receives one watch's events. Calls never overlap and come in revision order; after
 * {@link #onCompacted} or {@link #onError} no more calls follow.
 */
public interface KvWatchListener {

  /** The watch is registered; {@code revision} is the store revision at creation. */
  default void onCreated(long revision) {}

  /**
   * Events of whole revisions, in order, never repeated, also across reconnects.
   *
   * @param revision every event up to this revision has now been delivered
   */
  void onEvents(long revision, List<Event> events);

  /** Nothing more up to {@code revision} (progress notification). */
  default void onProgress(long revision) {}

  /** The next revision to deliver was compacted away; the watch is over. */
  void onCompacted(long compactRevision);

  /** The watch failed for good (a KvException, or a gRPC status after reconnects ran out). */
  void onError(Throwable error);
}
