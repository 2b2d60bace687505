package dev.keel.kvstore.grpc;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.proto.WatchCreateRequest;

/**
 * Turns a WatchCreateRequest into the store's {@link WatchSpec} with etcd's normalisation: an
 * empty key is "\0" (the smallest key); range_end "\0" means every key >= key; a start revision
 * <= 0 means "from the next revision"; a non-empty range_end at or below key is refused.
 */
final class WatchCreation {
  private static final ByteString ZERO = ByteString.copyFrom(new byte[] {0});

  private WatchCreation() {}

  /** @throws KvException {@link KvError#WATCH_RANGE_EMPTY} for key >= range_end */
  static WatchSpec toSpec(WatchCreateRequest request) {
    ByteString key = request.getKey().isEmpty() ? ZERO : request.getKey();
    ByteString rangeEnd = request.getRangeEnd();
    if (!rangeEnd.isEmpty() && !rangeEnd.equals(ZERO)
        && ByteString.unsignedLexicographicalComparator().compare(key, rangeEnd) >= 0) {
      throw new KvException(KvError.WATCH_RANGE_EMPTY,
          "watch key " + printable(key) + " >= range_end " + printable(rangeEnd));
    }
    boolean noPut = false;
    boolean noDelete = false;
    for (WatchCreateRequest.FilterType filter : request.getFiltersList()) {
      if (filter == WatchCreateRequest.FilterType.NOPUT) {
        noPut = true;
      } else if (filter == WatchCreateRequest.FilterType.NODELETE) {
        noDelete = true;
      }
    }
    long start = Math.max(0, request.getStartRevision());
    return new WatchSpec(key, rangeEnd, start, request.getPrevKv(), noPut, noDelete);
  }

  private static String printable(ByteString bytes) {
    return GrpcErrors.printable(bytes.toStringUtf8());
  }
}
