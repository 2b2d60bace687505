package dev.keel.bench.kv;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Keys and values of a run. Key n is n in decimal, zero-padded to the key size ("00042"), so
 * keys are printable and sort like their numbers; the value is a fixed run of letters (the
 * watch workload overwrites its first 8 bytes with the send time, {@link System#nanoTime()}).
 */
final class Keys {
  private final int keySize;
  private final int keySpace;
  private final ByteString value;

  Keys(int keySize, int keySpace, int valSize) {
    this.keySize = keySize;
    this.keySpace = keySpace;
    byte[] bytes = new byte[valSize];
    for (int i = 0; i < valSize; i++) {
      bytes[i] = (byte) ('a' + i % 26);
    }
    this.value = ByteString.copyFrom(bytes);
  }

  int keySpace() {
    return keySpace;
  }

  /** Key number {@code n}, {@code 0 <= n < keySpace}. */
  ByteString key(long n) {
    if (n < 0 || n >= keySpace) {
      throw new IllegalArgumentException("key number " + n + " outside [0, " + keySpace + ")");
    }
    byte[] bytes = new byte[keySize];
    Arrays.fill(bytes, (byte) '0');
    long rest = n;
    for (int i = keySize - 1; i >= 0 && rest > 0; i--) {
      bytes[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    return ByteString.copyFrom(bytes);
  }

  ByteString value() {
    return value;
  }

  /** The value with {@code nanos} in its first 8 bytes (big-endian). */
  ByteString stampedValue(long nanos) {
    byte[] bytes = value.toByteArray();
    ByteBuffer.wrap(bytes).putLong(nanos);
    return ByteString.copyFrom(bytes);
  }

  /** The send time a {@link #stampedValue} carries. */
  static long stamp(ByteString value) {
    return value.substring(0, 8).asReadOnlyByteBuffer().getLong();
  }
}
