package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.LeaseInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The leases that exist and the keys attached to each, in memory. Persisted leases live in the
 * meta column family; attachments are derived from the live keys' {@code lease} field on open.
 *
 * <p>Not thread-safe: guarded by the store's state lock (mutated only by the apply path while it
 * holds that lock; read by accessors under it).
 */
final class LeaseTable {
  private final Map<Long, Long> ttls = new TreeMap<>();
  private final Map<Long, NavigableSet<ByteString>> keys = new TreeMap<>();

  boolean exists(long id) {
    return ttls.containsKey(id);
  }

  void grant(long id, long ttl) {
    ttls.put(id, ttl);
    keys.put(id, new TreeSet<>(KeyRange.ORDER));
  }

  /** Removes the lease and returns its attached keys in key order. */
  List<ByteString> revoke(long id) {
    ttls.remove(id);
    NavigableSet<ByteString> attached = keys.remove(id);
    return attached == null ? List.of() : new ArrayList<>(attached);
  }

  /** Moves {@code key} from lease {@code from} to lease {@code to} (0 = none). */
  void move(ByteString key, long from, long to) {
    if (from == to) {
      return;
    }
    if (from != 0) {
      NavigableSet<ByteString> set = keys.get(from);
      if (set != null) {
        set.remove(key);
      }
    }
    if (to != 0) {
      NavigableSet<ByteString> set = keys.get(to);
      if (set == null) {
        throw new IllegalStateException("attach key " + key.toStringUtf8() + " to missing lease " + to);
      }
      set.add(key);
    }
  }

  Optional<LeaseInfo> info(long id) {
    Long ttl = ttls.get(id);
    return ttl == null ? Optional.empty() : Optional.of(new LeaseInfo(id, ttl, List.copyOf(keys.get(id))));
  }

  List<LeaseInfo> all() {
    List<LeaseInfo> out = new ArrayList<>();
    for (Long id : ttls.keySet()) {
      out.add(info(id).orElseThrow());
    }
    return out;
  }
}
