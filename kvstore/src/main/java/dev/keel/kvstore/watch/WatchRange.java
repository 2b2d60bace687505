package dev.keel.kvstore.watch;

import com.google.protobuf.ByteString;
import java.util.Comparator;
import java.util.Optional;

/** The keys a watcher covers, by etcd's range_end rules (empty: one key; "\0": key and above). */
record WatchRange(ByteString start, Optional<ByteString> end, boolean single) {
  private static final Comparator<ByteString> ORDER = ByteString.unsignedLexicographicalComparator();
  private static final ByteString ZERO = ByteString.copyFrom(new byte[] {0});

  static WatchRange of(ByteString key, ByteString rangeEnd) {
    if (rangeEnd.isEmpty()) {
      return new WatchRange(key, Optional.empty(), true);
    }
    if (rangeEnd.equals(ZERO)) {
      return new WatchRange(key, Optional.empty(), false);
    }
    return new WatchRange(key, Optional.of(rangeEnd), false);
  }

  boolean isEmpty() {
    return end.isPresent() && ORDER.compare(end.get(), start) <= 0;
  }

  boolean contains(ByteString key) {
    if (single) {
      return key.equals(start);
    }
    return ORDER.compare(key, start) >= 0 && (end.isEmpty() || ORDER.compare(key, end.get()) < 0);
  }
}
