package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Byte layout of the store's column families.
 *
 * <pre>
 * current : key                                  -> KeyValue (protobuf, with value)
 * history : escape(key) 0x00 0x00 main(8) sub(8)  -> 'P' (put; value in events) or 'T' (tombstone)
 * events  : main(8) sub(8)                        -> Event (type + kv; no prev kv: derived from history)
 * meta    : "applied"                             -> index(8) term(8) revision(8), one entry per batch
 *           "revision"                            -> revision(8), read only from stores written before
 *                                                    the revision joined "applied" (16-byte record)
 *           "compacted"                           -> compacted revision(8)
 *           "lease/" id(8)                        -> LeaseRecord (protobuf)
 * </pre>
 *
 * <p>escape() doubles nothing but 0x00, which becomes 0x00 0xFF; the terminator 0x00 0x00 then
 * sorts below every continuation of the key, so history entries group by key in key order, then in
 * revision order. Example: "a" rev 3.0 -> 61 00 00 | 0..03 0..00, and "a\0" -> 61 00 FF 00 00 | ...,
 * which sorts after every entry of "a". A value is stored at most twice (current and events).
 */
final class Layout {
  static final byte PUT = 'P';
  static final byte TOMBSTONE = 'T';

  static final byte[] APPLIED = "applied".getBytes(StandardCharsets.UTF_8);
  static final byte[] REVISION = "revision".getBytes(StandardCharsets.UTF_8);
  static final byte[] COMPACTED = "compacted".getBytes(StandardCharsets.UTF_8);
  static final byte[] LEASE_PREFIX = "lease/".getBytes(StandardCharsets.UTF_8);

  private Layout() {}

  /** escape(key) followed by the terminator: every history key of {@code key} starts with this. */
  static byte[] historyPrefix(ByteString key) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(key.size() + 2 + Revision.BYTES);
    escapeInto(key, out);
    out.write(0);
    out.write(0);
    return out.toByteArray();
  }

  static byte[] historyKey(ByteString key, Revision revision) {
    byte[] prefix = historyPrefix(key);
    ByteBuffer buffer = ByteBuffer.allocate(prefix.length + Revision.BYTES);
    buffer.put(prefix);
    revision.writeTo(buffer);
    return buffer.array();
  }

  /** A seek target that sorts after every history entry of {@code key} and before the next key's. */
  static byte[] historyAfterKey(ByteString key) {
    byte[] bound = historyPrefix(key);
    bound[bound.length - 1] = 1;
    return bound;
  }

  /** The user key of a history key. */
  static ByteString historyUserKey(byte[] historyKey) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(historyKey.length);
    int end = historyKey.length - Revision.BYTES - 2;
    for (int i = 0; i < end; i++) {
      out.write(historyKey[i]);
      if (historyKey[i] == 0) {
        i++; // skip the 0xFF escape byte
      }
    }
    return ByteString.copyFrom(out.toByteArray());
  }

  static Revision historyRevision(byte[] historyKey) {
    return Revision.fromBytes(historyKey, historyKey.length - Revision.BYTES);
  }

  static byte[] leaseKey(long id) {
    return ByteBuffer.allocate(LEASE_PREFIX.length + 8).put(LEASE_PREFIX).putLong(id).array();
  }

  static byte[] longBytes(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  static long readLong(byte[] bytes, int offset) {
    return ByteBuffer.wrap(bytes, offset, 8).getLong();
  }

  private static void escapeInto(ByteString key, ByteArrayOutputStream out) {
    for (int i = 0; i < key.size(); i++) {
      byte b = key.byteAt(i);
      out.write(b);
      if (b == 0) {
        out.write(0xFF);
      }
    }
  }
}
