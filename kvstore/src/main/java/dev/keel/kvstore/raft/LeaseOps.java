package dev.keel.kvstore.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.api.LeaseInfo;
import dev.keel.kvstore.lease.Lessor;
import dev.keel.kvstore.lease.LessorConfig;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.CommandBatch;
import dev.keel.kvstore.proto.CommandResult;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.LeaseGrantResponse;
import dev.keel.kvstore.proto.LeaseKeepAliveResponse;
import dev.keel.kvstore.proto.LeaseLeasesResponse;
import dev.keel.kvstore.proto.LeaseRevokeRequest;
import dev.keel.kvstore.proto.LeaseRevokeResponse;
import dev.keel.kvstore.proto.LeaseStatus;
import dev.keel.kvstore.proto.LeaseTimeToLiveRequest;
import dev.keel.kvstore.proto.LeaseTimeToLiveResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Leases over Raft: grant and revoke are replicated commands; keep-alive and time-to-live are
 * answered by the leader's {@link Lessor} (forwarded there from a follower as a leader query).
 */
final class LeaseOps implements AutoCloseable {

  private final Proposals proposals;
  private final RaftGateway gateway;
  private final StoreHolder store;
  private final Headers headers;
  private final Lessor lessor;
  private final SecureRandom ids = new SecureRandom();

  LeaseOps(Proposals proposals, RaftGateway gateway, StoreHolder store, Headers headers,
      Clock clock, LessorConfig config) {
    this.proposals = proposals;
    this.gateway = gateway;
    this.store = store;
    this.headers = headers;
    this.lessor = new Lessor(clock, config, this::revokeExpired, gateway::isLeaderReady,
        gateway.selfId().toString());
  }

  Lessor lessor() {
    return lessor;
  }

  CompletableFuture<LeaseGrantResponse> grant(LeaseGrantRequest request) {
    if (request.getTTL() > LessorConfig.MAX_TTL_SECONDS) {
      return CompletableFuture.failedFuture(new KvException(KvError.LEASE_TTL_TOO_LARGE,
          "TTL " + request.getTTL() + " > " + LessorConfig.MAX_TTL_SECONDS));
    }
    long id = request.getID() != 0 ? request.getID() : newLeaseId();
    LeaseGrantRequest granted = request.toBuilder()
        .setID(id).setTTL(lessor.grantedTtl(request.getTTL())).build();
    return proposals.propose(Command.newBuilder().setLeaseGrant(granted).build())
        .thenApply(r -> r.getLeaseGrant().toBuilder()
            .setHeader(headers.fill(r.getLeaseGrant().getHeader())).build());
  }

  private long newLeaseId() {
    long id;
    do {
      id = ids.nextLong() & Long.MAX_VALUE;
    } while (id == 0);
    return id;
  }

  CompletableFuture<LeaseRevokeResponse> revoke(LeaseRevokeRequest request) {
    return proposals.propose(Command.newBuilder().setLeaseRevoke(request).build())
        .thenApply(r -> r.getLeaseRevoke().toBuilder()
            .setHeader(headers.fill(r.getLeaseRevoke().getHeader())).build());
  }

  private CompletableFuture<?> revokeExpired(long id) {
    return revoke(LeaseRevokeRequest.newBuilder().setID(id).build()).exceptionally(failure -> {
      if (RatisFailures.unwrap(failure) instanceof KvException kv
          && kv.error() == KvError.LEASE_NOT_FOUND) {
        lessor.revoked(id);
        return null;
      }
      throw new java.util.concurrent.CompletionException(failure);
    });
  }

  CompletableFuture<LeaseKeepAliveResponse> keepAlive(long id) {
    if (lessor.leading() && gateway.isLeaderReady()) {
      return CompletableFuture.completedFuture(keepAliveLocal(id));
    }
    return forward(LeaderQuery.keepAlive(id), System.nanoTime())
        .thenApply(bytes -> parse(() -> LeaseKeepAliveResponse.parseFrom(bytes)))
        .thenApply(r -> r.toBuilder().setHeader(headers.at(store.call(s -> s.revision()))).build());
  }

  /** Whether the lessor is promoted: this replica decides lease expiry. */
  boolean leading() {
    return lessor.leading();
  }

  CompletableFuture<LeaseTimeToLiveResponse> timeToLive(LeaseTimeToLiveRequest request) {
    if (lessor.leading() && gateway.isLeaderReady()) {
      return CompletableFuture.completedFuture(timeToLiveLocal(request));
    }
    return forward(LeaderQuery.timeToLive(request), System.nanoTime())
        .thenApply(bytes -> parse(() -> LeaseTimeToLiveResponse.parseFrom(bytes)))
        .thenApply(r -> r.toBuilder().setHeader(headers.at(store.call(s -> s.revision()))).build());
  }

  CompletableFuture<LeaseLeasesResponse> leases() {
    List<LeaseInfo> all = store.call(s -> s.leases());
    LeaseLeasesResponse.Builder out = LeaseLeasesResponse.newBuilder()
        .setHeader(headers.at(store.call(s -> s.revision())));
    all.forEach(l -> out.addLeases(LeaseStatus.newBuilder().setID(l.id())));
    return CompletableFuture.completedFuture(out.build());
  }

  private LeaseKeepAliveResponse keepAliveLocal(long id) {
    boolean exists = store.call(s -> s.lease(id)).isPresent();
    OptionalLong ttl = exists ? lessor.keepAlive(id) : OptionalLong.empty();
    return LeaseKeepAliveResponse.newBuilder()
        .setHeader(headers.at(store.call(s -> s.revision())))
        .setID(id)
        .setTTL(ttl.orElse(0))
        .build();
  }

  private LeaseTimeToLiveResponse timeToLiveLocal(LeaseTimeToLiveRequest request) {
    long id = request.getID();
    Optional<LeaseInfo> lease = store.call(s -> s.lease(id));
    LeaseTimeToLiveResponse.Builder out = LeaseTimeToLiveResponse.newBuilder()
        .setHeader(headers.at(store.call(s -> s.revision())))
        .setID(id);
    if (lease.isEmpty()) {
      return out.setTTL(-1).setGrantedTTL(0).build();
    }
    long granted = lease.get().ttlSeconds();
    long remainingMs = lessor.remainingMillis(id).orElse(granted * 1000);
    out.setTTL(remainingMs / 1000).setGrantedTTL(granted);
    if (request.getKeys()) {
      out.addAllKeys(lease.get().keys());
    }
    return out.build();
  }

  /** Answers a query forwarded to this replica as leader (see {@link LeaderQuery}). */
  CompletableFuture<byte[]> answer(byte[] query) {
    if (!lessor.leading() || !gateway.isLeaderReady()) {
      return CompletableFuture.completedFuture(LeaderQuery.notLeader());
    }
    try {
      byte[] reply = switch (query[0]) {
        case LeaderQuery.KEEP_ALIVE ->
            LeaderQuery.reply(keepAliveLocal(LeaderQuery.parseKeepAlive(query).getID()));
        case LeaderQuery.TIME_TO_LIVE ->
            LeaderQuery.reply(timeToLiveLocal(LeaderQuery.parseTimeToLive(query)));
        default -> throw new IllegalArgumentException("unknown leader query kind " + query[0]);
      };
      return CompletableFuture.completedFuture(reply);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Sends a leader query, retrying while the replica that answered was not the leader. */
  private CompletableFuture<byte[]> forward(byte[] query, long startNanos) {
    return proposals.bounded(gateway.leaderQuery(query), "lease query").thenCompose(reply -> {
      if (reply.length > 0 && reply[0] == LeaderQuery.OK) {
        return CompletableFuture.completedFuture(LeaderQuery.body(reply));
      }
      if (System.nanoTime() - startNanos > proposals.timeout().toNanos()) {
        return CompletableFuture.failedFuture(new KvException(KvError.NO_LEADER,
            "no replica answered a lease query as leader"));
      }
      long delayMs = 20 + ThreadLocalRandom.current().nextLong(30);
      return CompletableFuture.supplyAsync(() -> null,
              CompletableFuture.delayedExecutor(delayMs, java.util.concurrent.TimeUnit.MILLISECONDS))
          .thenCompose(x -> forward(query, startNanos));
    });
  }

  private interface Parser<T> {
    T parse() throws InvalidProtocolBufferException;
  }

  private static <T> T parse(Parser<T> parser) {
    try {
      return parser.parse();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("malformed reply to a leader query", e);
    }
  }

  /** Tells the lessor what an applied entry did to leases. */
  void onApplied(CommandBatch batch, List<CommandResult> results) {
    for (int i = 0; i < results.size() && i < batch.getCommandsCount(); i++) {
      Command command = batch.getCommands(i);
      CommandResult result = results.get(i);
      if (result.hasLeaseGrant()) {
        lessor.granted(result.getLeaseGrant().getID(), result.getLeaseGrant().getTTL());
      } else if (result.hasLeaseRevoke() && command.hasLeaseRevoke()) {
        lessor.revoked(command.getLeaseRevoke().getID());
      }
    }
  }

  void onLeaderReady() {
    lessor.promote(store.call(s -> s.leases()));
  }

  void onNotLeader() {
    lessor.demote();
  }

  @Override
  public void close() {
    lessor.close();
  }
}
