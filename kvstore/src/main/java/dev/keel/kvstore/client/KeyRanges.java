package dev.keel.kvstore.client;

import com.google.protobuf.ByteString;

/** Range ends as etcd clients compute them. */
public final class KeyRanges {
  /** range_end "\0": with key "\0", every key; with another key, every key >= it. */
  public static final ByteString ALL = ByteString.copyFrom(new byte[] {0});

  private KeyRanges() {}

  /**
   * The range_end covering every key that starts with {@code prefix}: the prefix with its last
   * byte incremented, after dropping trailing 0xff bytes; "\0" (all keys) when nothing is left.
   */
  public static ByteString prefixEnd(ByteString prefix) {
    byte[] end = prefix.toByteArray();
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xff) {
        end[i]++;
        return ByteString.copyFrom(end, 0, i + 1);
      }
    }
    return ALL;
  }
}
