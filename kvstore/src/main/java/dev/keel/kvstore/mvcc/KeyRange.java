package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import java.util.Comparator;
import java.util.Optional;

/**
 * A half-open interval of keys [start, end) following etcd's range_end rules: an empty range_end
 * means just {@code key}; "\0" means every key >= key; otherwise [key, range_end), empty when
 * range_end <= key. {@code end} empty means unbounded.
 */
record KeyRange(ByteString start, Optional<ByteString> end) {
  static final Comparator<ByteString> ORDER = ByteString.unsignedLexicographicalComparator();
  private static final ByteString ZERO = ByteString.copyFrom(new byte[] {0});

  static KeyRange of(ByteString key, ByteString rangeEnd) {
    if (rangeEnd.isEmpty()) {
      return new KeyRange(key, Optional.of(key.concat(ZERO)));
    }
    if (rangeEnd.equals(ZERO)) {
      return new KeyRange(key, Optional.empty());
    }
    return new KeyRange(key, Optional.of(rangeEnd));
  }

  /** True when the range holds exactly one possible key: [key, key + "\0"). */
  boolean isSingleKey() {
    return end.isPresent() && end.get().size() == start.size() + 1
        && end.get().byteAt(start.size()) == 0 && end.get().startsWith(start);
  }

  boolean isEmpty() {
    return end.isPresent() && ORDER.compare(end.get(), start) <= 0;
  }

  boolean contains(ByteString key) {
    return ORDER.compare(key, start) >= 0 && (end.isEmpty() || ORDER.compare(key, end.get()) < 0);
  }

  boolean isBeforeEnd(ByteString key) {
    return end.isEmpty() || ORDER.compare(key, end.get()) < 0;
  }
}
