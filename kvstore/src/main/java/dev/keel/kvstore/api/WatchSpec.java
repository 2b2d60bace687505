package dev.keel.kvstore.api;

import com.google.protobuf.ByteString;

/**
 * What a watcher wants.
 *
 * @param key first key watched; must not be empty (callers map etcd's empty key to "\0")
 * @param rangeEnd empty: only {@code key}; "\0": every key >= key; otherwise [key, rangeEnd)
 * @param startRevision first revision to deliver, inclusive; 0 means "from the next revision"
 * @param prevKv attach the previous key-value to each event when it is still available
 * @param noPut drop PUT events
 * @param noDelete drop DELETE events
 */
public record WatchSpec(
    ByteString key,
    ByteString rangeEnd,
    long startRevision,
    boolean prevKv,
    boolean noPut,
    boolean noDelete) {

  public WatchSpec {
    if (key == null || rangeEnd == null) {
      throw new IllegalArgumentException("watch key and rangeEnd must not be null");
    }
    if (startRevision < 0) {
      throw new IllegalArgumentException("watch startRevision must be >= 0, got " + startRevision);
    }
  }

  /** A watch on every key from {@code startRevision}. */
  public static WatchSpec all(long startRevision) {
    return new WatchSpec(
        ByteString.copyFrom(new byte[] {0}), ByteString.copyFrom(new byte[] {0}), startRevision,
        false, false, false);
  }
}
