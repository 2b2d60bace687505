package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import java.util.Comparator;

/**
 * The keys an etcd (key, range_end) pair selects: empty range_end is the single key, "\0" every key
 * >= key, anything else the half-open interval [key, range_end), empty when range_end <= key.
 */
public record KeyInterval(ByteString key, ByteString rangeEnd) {

  public static final Comparator<ByteString> KEY_ORDER =
      ByteString.unsignedLexicographicalComparator();
  public static final ByteString NUL = ByteString.copyFrom(new byte[] {0});

  public static KeyInterval of(ByteString key, ByteString rangeEnd) {
    return new KeyInterval(key, rangeEnd);
  }

  public boolean singleKey() {
    return rangeEnd.isEmpty();
  }

  public boolean fromKey() {
    return rangeEnd.equals(NUL);
  }

  /** True when no key can be in the interval. */
  public boolean empty() {
    return !singleKey() && !fromKey() && KEY_ORDER.compare(rangeEnd, key) <= 0;
  }

  public boolean contains(ByteString k) {
    if (singleKey()) {
      return k.equals(key);
    }
    if (KEY_ORDER.compare(k, key) < 0) {
      return false;
    }
    return fromKey() || KEY_ORDER.compare(k, rangeEnd) < 0;
  }
}
