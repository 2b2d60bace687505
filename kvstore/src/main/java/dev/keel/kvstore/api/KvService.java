package dev.keel.kvstore.api;

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
import java.util.concurrent.CompletableFuture;

/**
 * One replica's store service: the seam between the client-facing front end (the etcd gRPC
 * server) and how requests are executed (a single local store, or a Raft group where writes go
 * through the log and a follower forwards to the leader).
 *
 * <p>Every reply carries a complete header (cluster id, this member's id, raft term, revision).
 * Failures complete the future exceptionally with a {@link KvException}; transient infrastructure
 * failures (I/O, no leader, timeouts) with a {@link KvException} of an UNAVAILABLE kind or
 * another exception carrying the cause.
 */
public interface KvService extends AutoCloseable {

  /** Linearizable unless {@code request.getSerializable()}. */
  CompletableFuture<RangeResponse> range(RangeRequest request);

  CompletableFuture<PutResponse> put(PutRequest request);

  CompletableFuture<DeleteRangeResponse> deleteRange(DeleteRangeRequest request);

  CompletableFuture<TxnResponse> txn(TxnRequest request);

  CompletableFuture<CompactionResponse> compact(CompactionRequest request);

  CompletableFuture<LeaseGrantResponse> leaseGrant(LeaseGrantRequest request);

  CompletableFuture<LeaseRevokeResponse> leaseRevoke(LeaseRevokeRequest request);

  /** Renews a lease; TTL 0 in the reply when the lease does not exist (etcd's behaviour). */
  CompletableFuture<LeaseKeepAliveResponse> leaseKeepAlive(long leaseId);

  /** Remaining TTL -1 and granted TTL 0 when the lease does not exist (etcd's behaviour). */
  CompletableFuture<LeaseTimeToLiveResponse> leaseTimeToLive(LeaseTimeToLiveRequest request);

  CompletableFuture<LeaseLeasesResponse> leaseLeases();

  /** Watches this replica's applied state. */
  Watch watch(WatchSpec spec, WatchListener listener);

  CompletableFuture<MemberListResponse> memberList();

  CompletableFuture<MemberAddResponse> memberAdd(MemberAddRequest request);

  CompletableFuture<MemberRemoveResponse> memberRemove(MemberRemoveRequest request);

  CompletableFuture<StatusResponse> status();

  /** A header for replies built outside the service (watch responses): current revision. */
  ResponseHeader header();

  /** The current revision of this replica's applied state. */
  long revision();

  @Override
  void close();
}
