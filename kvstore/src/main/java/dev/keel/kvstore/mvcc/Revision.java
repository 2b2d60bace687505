package dev.keel.kvstore.mvcc;

import java.nio.ByteBuffer;

/**
 * A two-part revision: {@code main} is the store revision a write transaction produced, {@code sub}
 * orders the writes inside it (0, 1, 2, ... in execution order). Encoded as 16 big-endian bytes, so
 * RocksDB's bytewise order equals revision order (both parts are non-negative).
 */
public record Revision(long main, long sub) implements Comparable<Revision> {
  public static final int BYTES = 16;

  public Revision {
    if (main < 0 || sub < 0) {
      throw new IllegalArgumentException("revision parts must be >= 0, got " + main + "." + sub);
    }
  }

  /** The largest revision with this main part: a bound that sorts after every write of {@code main}. */
  public static Revision last(long main) {
    return new Revision(main, Long.MAX_VALUE);
  }

  public byte[] toBytes() {
    return ByteBuffer.allocate(BYTES).putLong(main).putLong(sub).array();
  }

  void writeTo(ByteBuffer buffer) {
    buffer.putLong(main).putLong(sub);
  }

  public static Revision fromBytes(byte[] bytes, int offset) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, BYTES);
    return new Revision(buffer.getLong(), buffer.getLong());
  }

  /** The revision just before this one in (main, sub) order. */
  public Revision previous() {
    if (sub > 0) {
      return new Revision(main, sub - 1);
    }
    if (main == 0) {
      throw new IllegalStateException("no revision before 0.0");
    }
    return last(main - 1);
  }

  @Override
  public int compareTo(Revision other) {
    int byMain = Long.compare(main, other.main);
    return byMain != 0 ? byMain : Long.compare(sub, other.sub);
  }

  @Override
  public String toString() {
    return main + "." + sub;
  }
}
