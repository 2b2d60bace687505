package dev.keel.kvstore.client;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.proto.WatchCreateRequest;

/**
 * What to watch.
 *
 * @param key first key
 * @param rangeEnd empty: only {@code key}; "\0": every key >= key; else [key, rangeEnd)
 * @param startRevision first revision delivered, inclusive; 0: from the next revision
 * @param prevKv attach each event's previous key-value
 * @param progressNotify ask for periodic event-less progress responses
 * @param noPut drop PUT events
 * @param noDelete drop DELETE events
 */
public record WatchOptions(ByteString key, ByteString rangeEnd, long startRevision,
    boolean prevKv, boolean progressNotify, boolean noPut, boolean noDelete) {

  public WatchOptions {
    if (key == null || rangeEnd == null) {
      throw new IllegalArgumentException("watch key and rangeEnd must not be null");
    }
    if (startRevision < 0) {
      throw new IllegalArgumentException("startRevision must be >= 0, got " + startRevision);
    }
  }

  public static WatchOptions key(ByteString key) {
    return new WatchOptions(key, ByteString.EMPTY, 0, false, false, false, false);
  }

  public static WatchOptions prefix(ByteString prefix) {
    return new WatchOptions(prefix, KeyRanges.prefixEnd(prefix), 0, false, false, false, false);
  }

  public WatchOptions withStartRevision(long revision) {
    return new WatchOptions(key, rangeEnd, revision, prevKv, progressNotify, noPut, noDelete);
  }

  public WatchOptions withPrevKv(boolean prev) {
    return new WatchOptions(key, rangeEnd, startRevision, prev, progressNotify, noPut, noDelete);
  }

  public WatchOptions withProgressNotify(boolean notify) {
    return new WatchOptions(key, rangeEnd, startRevision, prevKv, notify, noPut, noDelete);
  }

  WatchCreateRequest toCreateRequest(long start) {
    WatchCreateRequest.Builder b = WatchCreateRequest.newBuilder()
        .setKey(key).setRangeEnd(rangeEnd).setStartRevision(start)
        .setPrevKv(prevKv).setProgressNotify(progressNotify).setFragment(true);
    if (noPut) {
      b.addFilters(WatchCreateRequest.FilterType.NOPUT);
    }
    if (noDelete) {
      b.addFilters(WatchCreateRequest.FilterType.NODELETE);
    }
    return b.build();
  }
}
