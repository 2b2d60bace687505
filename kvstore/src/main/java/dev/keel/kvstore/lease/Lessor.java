package dev.keel.kvstore.lease;

import dev.keel.kvstore.api.LeaseInfo;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when leases expire. The store only knows which leases exist and their TTL; expiry is
 * wall-clock time, kept here in memory and acted on by the leader alone: an expired lease is
 * revoked through the normal write path, so every replica deletes its keys at the same revision.
 *
 * <p>Every replica learns grants and revokes as they are applied ({@link #granted},
 * {@link #revoked}). A replica that becomes leader gives every lease its full TTL again
 * ({@link #promote}), so a leader change never expires a lease early (it may extend it by up to
 * one TTL, as in etcd). Keep-alives are answered by the leader only.
 *
 * <p>Thread-safe: apply callbacks, keep-alives and the expiry ticker run on different threads.
 */
public final class Lessor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Lessor.class);

  /** A lease's granted TTL and the wall-clock millisecond at which it expires. */
  private record Expiry(long ttlSeconds, long expiresAtMillis) {}

  private final Clock clock;
  private final LessorConfig config;
  private final LongFunction<CompletableFuture<?>> revoker;
  private final BooleanSupplier leaderReady;
  private final Map<Long, Expiry> leases = new ConcurrentHashMap<>();
  private final Set<Long> revoking = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService ticker;
  private volatile boolean leading;

  /**
   * @param clock wall clock for expiry
   * @param config TTL floor and check interval
   * @param revoker proposes the revoke of a lease through the write path
   * @param leaderReady whether this replica is leader and ready right now (checked before each
   *     revoke, since leadership can move between ticks)
   */
  public Lessor(Clock clock, LessorConfig config, LongFunction<CompletableFuture<?>> revoker,
      BooleanSupplier leaderReady, String name) {
    this.clock = clock;
    this.config = config;
    this.revoker = revoker;
    this.leaderReady = leaderReady;
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "keel-lessor-" + name);
      t.setDaemon(true);
      return t;
    });
    long every = config.checkInterval().toMillis();
    ticker.scheduleWithFixedDelay(this::expireSafely, every, every, TimeUnit.MILLISECONDS);
  }

  /** The TTL a grant asking for {@code requested} seconds gets: at least the minimum. */
  public long grantedTtl(long requested) {
    return Math.max(requested, config.minTtlSeconds());
  }

  /** A grant was applied. */
  public void granted(long id, long ttlSeconds) {
    leases.put(id, new Expiry(ttlSeconds, clock.millis() + ttlSeconds * 1000));
  }

  /** A revoke was applied (by a client or by expiry). */
  public void revoked(long id) {
    leases.remove(id);
    revoking.remove(id);
  }

  /** This replica became leader: every existing lease gets its full TTL from now. */
  public void promote(List<LeaseInfo> existing) {
    long now = clock.millis();
    leases.clear();
    revoking.clear();
    for (LeaseInfo lease : existing) {
      leases.put(lease.id(), new Expiry(lease.ttlSeconds(), now + lease.ttlSeconds() * 1000));
    }
    leading = true;
    LOG.info("lessor promoted: {} leases get their full TTL", existing.size());
  }

  /** This replica is no longer leader: stop expiring. */
  public void demote() {
    leading = false;
    revoking.clear();
  }

  public boolean leading() {
    return leading;
  }

  /** Renews a lease on the leader: its granted TTL, or empty if it is unknown or expired. */
  public OptionalLong keepAlive(long id) {
    long now = clock.millis();
    Expiry renewed = leases.computeIfPresent(id, (k, e) ->
        e.expiresAtMillis() <= now ? e : new Expiry(e.ttlSeconds(), now + e.ttlSeconds() * 1000));
    if (renewed == null || renewed.expiresAtMillis() <= now) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(renewed.ttlSeconds());
  }

  /** Remaining time of a lease in milliseconds (0 once expired), or empty if unknown. */
  public OptionalLong remainingMillis(long id) {
    Expiry e = leases.get(id);
    return e == null ? OptionalLong.empty()
        : OptionalLong.of(Math.max(0, e.expiresAtMillis() - clock.millis()));
  }

  /** Known lease ids, soonest expiry first. */
  public List<Long> idsByExpiry() {
    return leases.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<Long, Expiry> e) -> e.getValue().expiresAtMillis())
            .thenComparingLong(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .toList();
  }

  private void expireSafely() {
    try {
      expire();
    } catch (RuntimeException e) {
      LOG.warn("lease expiry check failed: {}", e.toString());
    }
  }

  /** Proposes a revoke for each expired lease not already being revoked (leader only). */
  void expire() {
    if (!leading || !leaderReady.getAsBoolean()) {
      return;
    }
    long now = clock.millis();
    for (Map.Entry<Long, Expiry> e : leases.entrySet()) {
      long id = e.getKey();
      if (e.getValue().expiresAtMillis() <= now && revoking.add(id)) {
        LOG.info("lease {} expired (TTL {} s); revoking", Long.toHexString(id), e.getValue().ttlSeconds());
        revoker.apply(id).whenComplete((r, failure) -> {
          if (failure != null) {
            // Try again on a later tick (if still leader); a revoke that did apply removed it.
            revoking.remove(id);
            LOG.debug("revoke of expired lease {} failed: {}", Long.toHexString(id), failure.toString());
          }
        });
      }
    }
  }

  @Override
  public void close() {
    leading = false;
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
