package dev.keel.kvstore.faults;

import dev.keel.kvstore.check.WatchEvent;
import dev.keel.kvstore.proto.KeyValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One member's final state, read from it alone: its revision, every live key-value (a
 * serializable range of all keys) and its whole event history.
 */
record MemberState(String member, long revision, List<KeyValue> kvs, List<WatchEvent> events) {

  MemberState {
    kvs = List.copyOf(kvs);
    events = List.copyOf(events);
  }

  /** SHA-256 of the revision and the key-values (key, value, create/mod revision, version, lease). */
  String stateHash() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(Long.toString(revision).getBytes(StandardCharsets.UTF_8));
      for (KeyValue kv : kvs) {
        digest.update(kv.toByteArray());
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
