package dev.keel.kvstore.raft;

import dev.keel.kvstore.api.KvService;
import dev.keel.kvstore.api.MvccStore;
import dev.keel.kvstore.api.Watch;
import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.CommandBatch;
import dev.keel.kvstore.proto.CommandResult;
import dev.keel.kvstore.proto.CompactionRequest;
import dev.keel.kvstore.proto.CompactionResponse;
import dev.keel.kvstore.proto.DeleteRangeRequest;
import dev.keel.kvstore.proto.DeleteRangeResponse;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.LeaseGrantResponse;
import dev.keel.kvstore.proto.LeaseKeepAliveResponse;
import dev.keel.kvstore.proto.LeaseLeasesResponse;
import dev.keel.kvstore.proto.LeaseRevokeRequest;
import dev.keel.kvstore.proto.LeaseRevokeResponse;
import dev.keel.kvstore.proto.LeaseTimeToLiveRequest;
import dev.keel.kvstore.proto.LeaseTimeToLiveResponse;
import dev.keel.kvstore.proto.MemberAddRequest;
import dev.keel.kvstore.proto.MemberAddResponse;
import dev.keel.kvstore.proto.MemberListResponse;
import dev.keel.kvstore.proto.MemberRemoveRequest;
import dev.keel.kvstore.proto.MemberRemoveResponse;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.PutResponse;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import dev.keel.kvstore.proto.ResponseHeader;
import dev.keel.kvstore.proto.StatusResponse;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.TxnResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/**
 * One replica's {@link KvService} on a Ratis group.
 *
 * <ul>
 *   <li>Writes are {@link Command}s, coalesced by a batcher into log entries; on the leader they
 *       are submitted to the local server, on a follower a Ratis client forwards them.
 *   <li>Linearizable reads wait for a ReadIndex barrier, then read the local store; serializable
 *       reads read it at once.
 *   <li>Watches are served from this replica's applied state.
 *   <li>Leases: see {@link LeaseOps}; membership: see {@link Membership}.
 * </ul>
 *
 * <p>Owns its gateway (clients, executors), batcher, lessor and read executor, not the Ratis
 * server or the state machine. Create it before starting the server, so the state machine's
 * events reach it.
 */
public final class RaftKvService implements KvService {

  /** The etcd version Keel reports in Status (etcdctl prints it). */
  public static final String ETCD_VERSION = "3.4.0";

  private final KvStateMachine stateMachine;
  private final RaftGateway gateway;
  private final Headers headers;
  private final Proposals proposals;
  private final LeaseOps leases;
  private final Membership membership;
  private final ExecutorService reads;

  public RaftKvService(RaftServer server, RaftGroup group, KvStateMachine stateMachine,
      RaftSettings settings, RaftKvServiceConfig config, Clock clock) {
    this.stateMachine = stateMachine;
    this.gateway = new RaftGateway(server, group, settings, config.requestTimeout());
    this.headers = new Headers(MemberIds.clusterId(group.getGroupId()),
        MemberIds.memberId(group.getGroupId(), server.getId()), gateway::term);
    this.proposals = new Proposals(gateway, config.batching(), config.requestTimeout(),
        config.maxRequestBytes());
    this.leases = new LeaseOps(proposals, gateway, stateMachine.store(), headers, clock,
        config.lessor());
    this.membership = new Membership(gateway, headers, config.clientUrls());
    AtomicInteger threads = new AtomicInteger();
    this.reads = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "keel-reads-" + server.getId() + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    stateMachine.setListener(new Events());
  }

  /** What the state machine tells this service. */
  private final class Events implements StateMachineListener {
    @Override
    public void onApplied(CommandBatch batch, List<CommandResult> results) {
      leases.onApplied(batch, results);
    }

    @Override
    public void onLeaderReady() {
      leases.onLeaderReady();
    }

    @Override
    public void onNotLeader() {
      leases.onNotLeader();
    }

    @Override
    public CompletableFuture<byte[]> query(byte[] request) {
      return leases.answer(request);
    }
  }

  /** etcd's member id of this replica. */
  public long memberId() {
    return headers.memberId();
  }

  public long clusterId() {
    return headers.clusterId();
  }

  /**
   * Whether this replica is the leader, has applied its first entry of the term, and its lessor has taken over the
   * leases (Ratis reports the leader ready a moment before it calls {@code notifyLeaderReady}, which promotes the
   * lessor): from then on every request, lease expiry included, is served here.
   */
  public boolean isLeader() {
    return gateway.isLeaderReady() && leases.leading();
  }

  private <T> T onStore(Function<MvccStore, T> call) {
    return stateMachine.store().call(call);
  }

  @Override
  public CompletableFuture<RangeResponse> range(RangeRequest request) {
    CompletableFuture<Void> ready = request.getSerializable()
        ? CompletableFuture.completedFuture(null)
        : gateway.readBarrier();
    return proposals.bounded(ready.thenApplyAsync(v -> {
      RangeResponse r = onStore(s -> s.range(request));
      return r.toBuilder().setHeader(headers.fill(r.getHeader())).build();
    }, reads), "range");
  }

  @Override
  public CompletableFuture<PutResponse> put(PutRequest request) {
    return proposals.propose(Command.newBuilder().setPut(request).build()).thenApply(r ->
        r.getPut().toBuilder().setHeader(headers.fill(r.getPut().getHeader())).build());
  }

  @Override
  public CompletableFuture<DeleteRangeResponse> deleteRange(DeleteRangeRequest request) {
    return proposals.propose(Command.newBuilder().setDeleteRange(request).build()).thenApply(r ->
        r.getDeleteRange().toBuilder()
            .setHeader(headers.fill(r.getDeleteRange().getHeader())).build());
  }

  @Override
  public CompletableFuture<TxnResponse> txn(TxnRequest request) {
    return proposals.propose(Command.newBuilder().setTxn(request).build()).thenApply(r ->
        r.getTxn().toBuilder().setHeader(headers.fill(r.getTxn().getHeader())).build());
  }

  @Override
  public CompletableFuture<CompactionResponse> compact(CompactionRequest request) {
    return proposals.propose(Command.newBuilder().setCompact(request).build()).thenApply(r ->
        r.getCompact().toBuilder().setHeader(headers.fill(r.getCompact().getHeader())).build());
  }

  @Override
  public CompletableFuture<LeaseGrantResponse> leaseGrant(LeaseGrantRequest request) {
    return leases.grant(request);
  }

  @Override
  public CompletableFuture<LeaseRevokeResponse> leaseRevoke(LeaseRevokeRequest request) {
    return leases.revoke(request);
  }

  @Override
  public CompletableFuture<LeaseKeepAliveResponse> leaseKeepAlive(long leaseId) {
    return leases.keepAlive(leaseId);
  }

  @Override
  public CompletableFuture<LeaseTimeToLiveResponse> leaseTimeToLive(LeaseTimeToLiveRequest request) {
    return leases.timeToLive(request);
  }

  @Override
  public CompletableFuture<LeaseLeasesResponse> leaseLeases() {
    return CompletableFuture.supplyAsync(() -> leases.leases(), reads).thenCompose(f -> f);
  }

  @Override
  public Watch watch(WatchSpec spec, WatchListener listener) {
    return stateMachine.store().watch(spec, listener);
  }

  @Override
  public CompletableFuture<MemberListResponse> memberList() {
    return membership.list();
  }

  @Override
  public CompletableFuture<MemberAddResponse> memberAdd(MemberAddRequest request) {
    return membership.add(request);
  }

  @Override
  public CompletableFuture<MemberRemoveResponse> memberRemove(MemberRemoveRequest request) {
    return membership.remove(request);
  }

  /** Moves leadership to the member with etcd id {@code targetMemberId} (etcd's MoveLeader). */
  public CompletableFuture<Void> moveLeader(long targetMemberId) {
    return membership.moveLeader(targetMemberId);
  }

  @Override
  public CompletableFuture<StatusResponse> status() {
    return CompletableFuture.supplyAsync(this::statusNow, reads);
  }

  private StatusResponse statusNow() {
    DivisionInfo info = gateway.info();
    RaftPeerId leader = info.getLeaderId();
    long dbSize = onStore(MvccStore::sizeOnDisk);
    StatusResponse.Builder out = StatusResponse.newBuilder()
        .setHeader(header())
        .setVersion(ETCD_VERSION)
        .setDbSize(dbSize)
        .setDbSizeInUse(dbSize)
        .setLeader(leader == null ? 0 : membership.memberId(leader))
        .setRaftIndex(gateway.commitIndex())
        .setRaftTerm(info.getCurrentTerm())
        .setRaftAppliedIndex(info.getLastAppliedIndex());
    if (leader == null) {
      out.addErrors(dev.keel.kvstore.api.KvError.NO_LEADER.etcdMessage());
    }
    return out.build();
  }

  @Override
  public ResponseHeader header() {
    return headers.at(revision());
  }

  @Override
  public long revision() {
    return onStore(MvccStore::revision);
  }

  @Override
  public void close() {
    proposals.close();
    leases.close();
    gateway.close();
    reads.shutdownNow();
    try {
      reads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
