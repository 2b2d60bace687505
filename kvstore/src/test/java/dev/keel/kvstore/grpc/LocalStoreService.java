package dev.keel.kvstore.grpc;

import dev.keel.kvstore.api.KvService;
import dev.keel.kvstore.api.LeaseInfo;
import dev.keel.kvstore.api.MvccStore;
import dev.keel.kvstore.api.Watch;
import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.api.WatchSpec;
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
import dev.keel.kvstore.proto.LeaseStatus;
import dev.keel.kvstore.proto.LeaseTimeToLiveRequest;
import dev.keel.kvstore.proto.LeaseTimeToLiveResponse;
import dev.keel.kvstore.proto.Member;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * A single-member {@link KvService} straight on a real {@link MvccStore}, without Raft: each
 * write is its own log index. For front-end tests that need a real store but not replication
 * (lease expiry and the minimum TTL are not modelled: a lease lives until revoked).
 */
final class LocalStoreService implements KvService {
  static final long CLUSTER_ID = 0x1c2b3a4d5e6f7081L;
  static final long MEMBER_ID = 0x2e1259d415f2a040L;

  private final MvccStore store;
  private final String clientUrl;
  /** Guarded by this: the next log index. */
  private long index;

  LocalStoreService(MvccStore store, String clientUrl) {
    this.store = store;
    this.clientUrl = clientUrl;
    this.index = store.appliedIndex() + 1;
  }

  private <T> CompletableFuture<T> write(LongFunction<T> op) {
    try {
      synchronized (this) {
        return CompletableFuture.completedFuture(op.apply(index++));
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private ResponseHeader fill(ResponseHeader h) {
    return h.toBuilder().setClusterId(CLUSTER_ID).setMemberId(MEMBER_ID).setRaftTerm(1)
        .setRevision(h.getRevision() == 0 ? store.revision() : h.getRevision()).build();
  }

  @Override
  public CompletableFuture<RangeResponse> range(RangeRequest request) {
    try {
      RangeResponse r = store.range(request);
      return CompletableFuture.completedFuture(
          r.toBuilder().setHeader(fill(r.getHeader())).build());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<PutResponse> put(PutRequest request) {
    return write(i -> {
      PutResponse r = store.put(i, request);
      return r.toBuilder().setHeader(fill(r.getHeader())).build();
    });
  }

  @Override
  public CompletableFuture<DeleteRangeResponse> deleteRange(DeleteRangeRequest request) {
    return write(i -> {
      DeleteRangeResponse r = store.deleteRange(i, request);
      return r.toBuilder().setHeader(fill(r.getHeader())).build();
    });
  }

  @Override
  public CompletableFuture<TxnResponse> txn(TxnRequest request) {
    return write(i -> {
      TxnResponse r = store.txn(i, request);
      return r.toBuilder().setHeader(fill(r.getHeader())).build();
    });
  }

  @Override
  public CompletableFuture<CompactionResponse> compact(CompactionRequest request) {
    return write(i -> {
      CompactionResponse r = store.compact(i, request);
      return r.toBuilder().setHeader(fill(r.getHeader())).build();
    });
  }

  @Override
  public CompletableFuture<LeaseGrantResponse> leaseGrant(LeaseGrantRequest request) {
    return write(i -> {
      LeaseGrantResponse r = store.leaseGrant(i, request);
      return r.toBuilder().setHeader(fill(r.getHeader())).build();
    });
  }

  @Override
  public CompletableFuture<LeaseRevokeResponse> leaseRevoke(LeaseRevokeRequest request) {
    return write(i -> {
      LeaseRevokeResponse r = store.leaseRevoke(i, request);
      return r.toBuilder().setHeader(fill(r.getHeader())).build();
    });
  }

  @Override
  public CompletableFuture<LeaseKeepAliveResponse> leaseKeepAlive(long leaseId) {
    Optional<LeaseInfo> lease = store.lease(leaseId);
    return CompletableFuture.completedFuture(LeaseKeepAliveResponse.newBuilder()
        .setHeader(header()).setID(leaseId).setTTL(lease.map(LeaseInfo::ttlSeconds).orElse(0L))
        .build());
  }

  @Override
  public CompletableFuture<LeaseTimeToLiveResponse> leaseTimeToLive(
      LeaseTimeToLiveRequest request) {
    Optional<LeaseInfo> lease = store.lease(request.getID());
    LeaseTimeToLiveResponse.Builder r = LeaseTimeToLiveResponse.newBuilder()
        .setHeader(header()).setID(request.getID());
    if (lease.isEmpty()) {
      return CompletableFuture.completedFuture(r.setTTL(-1).setGrantedTTL(0).build());
    }
    r.setTTL(lease.get().ttlSeconds()).setGrantedTTL(lease.get().ttlSeconds());
    if (request.getKeys()) {
      r.addAllKeys(lease.get().keys());
    }
    return CompletableFuture.completedFuture(r.build());
  }

  @Override
  public CompletableFuture<LeaseLeasesResponse> leaseLeases() {
    LeaseLeasesResponse.Builder r = LeaseLeasesResponse.newBuilder().setHeader(header());
    store.leases().forEach(l -> r.addLeases(LeaseStatus.newBuilder().setID(l.id())));
    return CompletableFuture.completedFuture(r.build());
  }

  @Override
  public Watch watch(WatchSpec spec, WatchListener listener) {
    return store.watch(spec, listener);
  }

  @Override
  public CompletableFuture<MemberListResponse> memberList() {
    return CompletableFuture.completedFuture(MemberListResponse.newBuilder()
        .setHeader(header().toBuilder().setRevision(0))
        .addMembers(Member.newBuilder().setID(MEMBER_ID).setName("local")
            .addPeerURLs("http://127.0.0.1:1").addClientURLs(clientUrl))
        .build());
  }

  @Override
  public CompletableFuture<MemberAddResponse> memberAdd(MemberAddRequest request) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("single member"));
  }

  @Override
  public CompletableFuture<MemberRemoveResponse> memberRemove(MemberRemoveRequest request) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("single member"));
  }

  @Override
  public CompletableFuture<StatusResponse> status() {
    return CompletableFuture.completedFuture(StatusResponse.newBuilder()
        .setHeader(header()).setVersion("3.4.23").setDbSize(store.sizeOnDisk())
        .setLeader(MEMBER_ID).setRaftIndex(store.appliedIndex()).setRaftTerm(1)
        .setRaftAppliedIndex(store.appliedIndex()).setDbSizeInUse(store.sizeOnDisk()).build());
  }

  @Override
  public ResponseHeader header() {
    return fill(ResponseHeader.getDefaultInstance());
  }

  @Override
  public long revision() {
    return store.revision();
  }

  @Override
  public void close() {
    // the store belongs to the test
  }
}
