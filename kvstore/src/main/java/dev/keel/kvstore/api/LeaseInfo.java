package dev.keel.kvstore.api;

import com.google.protobuf.ByteString;
import java.util.List;

/**
 * A lease as the store knows it: its id, granted TTL in seconds, and the keys attached to it in key
 * order. Remaining time is not the store's business (expiry is decided by the leader).
 */
public record LeaseInfo(long id, long ttlSeconds, List<ByteString> keys) {
  public LeaseInfo {
    keys = List.copyOf(keys);
  }
}
