package dev.keel.kvstore.client;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.proto.ClusterGrpc;
import dev.keel.kvstore.proto.CompactionRequest;
import dev.keel.kvstore.proto.CompactionResponse;
import dev.keel.kvstore.proto.DeleteRangeRequest;
import dev.keel.kvstore.proto.DeleteRangeResponse;
import dev.keel.kvstore.proto.KVGrpc;
import dev.keel.kvstore.proto.KeyValue;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.LeaseGrantResponse;
import dev.keel.kvstore.proto.LeaseGrpc;
import dev.keel.kvstore.proto.LeaseKeepAliveResponse;
import dev.keel.kvstore.proto.LeaseLeasesRequest;
import dev.keel.kvstore.proto.LeaseLeasesResponse;
import dev.keel.kvstore.proto.LeaseRevokeRequest;
import dev.keel.kvstore.proto.LeaseRevokeResponse;
import dev.keel.kvstore.proto.LeaseTimeToLiveRequest;
import dev.keel.kvstore.proto.LeaseTimeToLiveResponse;
import dev.keel.kvstore.proto.MaintenanceGrpc;
import dev.keel.kvstore.proto.MemberListRequest;
import dev.keel.kvstore.proto.MemberListResponse;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.PutResponse;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import dev.keel.kvstore.proto.StatusRequest;
import dev.keel.kvstore.proto.StatusResponse;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.TxnResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The Java client of Keel's (and etcd's) v3 API, used by the apiserver and the benchmarks.
 *
 * <p>Every call has a deadline ({@link KvClientConfig#callTimeout()}, or a view made with
 * {@link #withCallTimeout}); calls go to the current endpoint and fail over to the next when it is
 * unavailable (reads always, writes only when they cannot have been applied). etcd errors come
 * back as {@link KvException} (mapped by etcd's message); other failures as gRPC
 * {@code StatusRuntimeException}. Blocking methods throw those directly; async ones complete
 * their future with them. Thread-safe.
 *
 * <p>An "inprocess:NAME" endpoint is a replica serving in this JVM, called directly (no gRPC call,
 * transport or encoding; see {@link LocalServer}) with the same deadlines, errors and failover;
 * its futures complete, and its watch listeners run, on this client's callback threads.
 */
public final class KvClient implements AutoCloseable {
  private final KvClientConfig config;
  private final Endpoints endpoints;
  private final ScheduledExecutorService scheduler;
  private final UnaryInvoker invoker;
  /** False for views made by {@link #withCallTimeout}: they share the owner's resources. */
  private final boolean owner;

  public KvClient(KvClientConfig config) {
    this.config = config;
    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "keel-kvclient");
      t.setDaemon(true);
      return t;
    });
    timers.setRemoveOnCancelPolicy(true); // local calls' deadline timers, cancelled on reply
    this.scheduler = timers;
    this.endpoints = new Endpoints(config.endpoints(), config.maxInboundMessageBytes(), timers);
    this.invoker = new UnaryInvoker(endpoints, scheduler, config.callTimeout());
    this.owner = true;
  }

  private KvClient(KvClient base, Duration timeout) {
    this.config = base.config.withCallTimeout(timeout);
    this.endpoints = base.endpoints;
    this.scheduler = base.scheduler;
    this.invoker = new UnaryInvoker(endpoints, scheduler, timeout);
    this.owner = false;
  }

  /** A view with another per-call deadline, sharing this client's connections. */
  public KvClient withCallTimeout(Duration timeout) {
    return new KvClient(this, timeout);
  }

  public List<String> endpoints() {
    return endpoints.addresses();
  }

  // ---- KV ----

  public CompletableFuture<RangeResponse> rangeAsync(RangeRequest request) {
    return invoker.call(KVGrpc.getRangeMethod(), request, true);
  }

  public RangeResponse range(RangeRequest request) {
    return await(rangeAsync(request));
  }

  /** The key's current value, if it exists. */
  public Optional<KeyValue> get(ByteString key) {
    RangeResponse response = range(RangeRequest.newBuilder().setKey(key).build());
    return response.getKvsCount() == 0 ? Optional.empty() : Optional.of(response.getKvs(0));
  }

  /** Every key starting with {@code prefix}, in key order. */
  public RangeResponse getPrefix(ByteString prefix) {
    return range(RangeRequest.newBuilder()
        .setKey(prefix).setRangeEnd(KeyRanges.prefixEnd(prefix)).build());
  }

  public CompletableFuture<PutResponse> putAsync(PutRequest request) {
    return invoker.call(KVGrpc.getPutMethod(), request, false);
  }

  public PutResponse put(PutRequest request) {
    return await(putAsync(request));
  }

  public PutResponse put(ByteString key, ByteString value) {
    return put(PutRequest.newBuilder().setKey(key).setValue(value).build());
  }

  public CompletableFuture<DeleteRangeResponse> deleteAsync(DeleteRangeRequest request) {
    return invoker.call(KVGrpc.getDeleteRangeMethod(), request, false);
  }

  public DeleteRangeResponse delete(DeleteRangeRequest request) {
    return await(deleteAsync(request));
  }

  public DeleteRangeResponse delete(ByteString key) {
    return delete(DeleteRangeRequest.newBuilder().setKey(key).build());
  }

  public DeleteRangeResponse deletePrefix(ByteString prefix) {
    return delete(DeleteRangeRequest.newBuilder()
        .setKey(prefix).setRangeEnd(KeyRanges.prefixEnd(prefix)).build());
  }

  public CompletableFuture<TxnResponse> txnAsync(TxnRequest request) {
    return invoker.call(KVGrpc.getTxnMethod(), request, false);
  }

  public TxnResponse txn(TxnRequest request) {
    return await(txnAsync(request));
  }

  /** Starts building a transaction (compare-and-swap and friends). */
  public TxnBuilder txn() {
    return new TxnBuilder(this);
  }

  public CompletableFuture<CompactionResponse> compactAsync(long revision) {
    return invoker.call(KVGrpc.getCompactMethod(),
        CompactionRequest.newBuilder().setRevision(revision).build(), false);
  }

  public CompactionResponse compact(long revision) {
    return await(compactAsync(revision));
  }

  // ---- Watch ----

  /** Starts a watch on its own stream; close the returned handle to cancel it. */
  public KvWatch watch(WatchOptions options, KvWatchListener listener) {
    KvWatch watch = new KvWatch(
        endpoints, scheduler, options, listener, config.watchReconnectAttempts());
    watch.start();
    return watch;
  }

  // ---- Lease ----

  public CompletableFuture<LeaseGrantResponse> leaseGrantAsync(long ttlSeconds) {
    return invoker.call(LeaseGrpc.getLeaseGrantMethod(),
        LeaseGrantRequest.newBuilder().setTTL(ttlSeconds).build(), false);
  }

  public LeaseGrantResponse leaseGrant(long ttlSeconds) {
    return await(leaseGrantAsync(ttlSeconds));
  }

  public CompletableFuture<LeaseRevokeResponse> leaseRevokeAsync(long leaseId) {
    return invoker.call(LeaseGrpc.getLeaseRevokeMethod(),
        LeaseRevokeRequest.newBuilder().setID(leaseId).build(), false);
  }

  public LeaseRevokeResponse leaseRevoke(long leaseId) {
    return await(leaseRevokeAsync(leaseId));
  }

  /**
   * Renews the lease once. Fails with {@link KvError#LEASE_NOT_FOUND} when the lease is unknown
   * or expired (the reply's TTL is 0), as etcd's Go client does.
   */
  public LeaseKeepAliveResponse leaseKeepAliveOnce(long leaseId) {
    CompletableFuture<LeaseKeepAliveResponse> first = new CompletableFuture<>();
    try (LeaseKeepAlive keepAlive = new LeaseKeepAlive(
        endpoints, scheduler, leaseId, first::complete, 0)) {
      keepAlive.done().whenComplete((ignored, failure) -> {
        if (failure != null) {
          first.completeExceptionally(failure);
        } else {
          first.completeExceptionally(new KvException(KvError.LEASE_NOT_FOUND,
              "lease " + leaseId + " expired or revoked (keep-alive TTL 0)"));
        }
      });
      keepAlive.start();
      return await(first);
    }
  }

  /** Keeps the lease alive until the handle is closed; {@code onReply} sees each renewal. */
  public LeaseKeepAlive leaseKeepAlive(long leaseId, Consumer<LeaseKeepAliveResponse> onReply) {
    LeaseKeepAlive keepAlive = new LeaseKeepAlive(
        endpoints, scheduler, leaseId, onReply, config.watchReconnectAttempts());
    keepAlive.start();
    return keepAlive;
  }

  public CompletableFuture<LeaseTimeToLiveResponse> leaseTimeToLiveAsync(long leaseId,
      boolean keys) {
    return invoker.call(LeaseGrpc.getLeaseTimeToLiveMethod(),
        LeaseTimeToLiveRequest.newBuilder().setID(leaseId).setKeys(keys).build(), true);
  }

  public LeaseTimeToLiveResponse leaseTimeToLive(long leaseId, boolean keys) {
    return await(leaseTimeToLiveAsync(leaseId, keys));
  }

  public CompletableFuture<LeaseLeasesResponse> leasesAsync() {
    return invoker.call(LeaseGrpc.getLeaseLeasesMethod(),
        LeaseLeasesRequest.getDefaultInstance(), true);
  }

  public LeaseLeasesResponse leases() {
    return await(leasesAsync());
  }

  // ---- Cluster and maintenance ----

  public CompletableFuture<MemberListResponse> memberListAsync() {
    return invoker.call(ClusterGrpc.getMemberListMethod(),
        MemberListRequest.getDefaultInstance(), true);
  }

  public MemberListResponse memberList() {
    return await(memberListAsync());
  }

  /** Status of the replica at {@code endpoint} (one of {@link #endpoints()}), no failover. */
  public CompletableFuture<StatusResponse> statusAsync(String endpoint) {
    return invoker.callAt(endpoint, MaintenanceGrpc.getStatusMethod(),
        StatusRequest.getDefaultInstance());
  }

  public StatusResponse status(String endpoint) {
    return await(statusAsync(endpoint));
  }

  /** Closes connections and stops watches and keep-alives (views: does nothing). */
  @Override
  public void close() {
    if (!owner) {
      return;
    }
    scheduler.shutdownNow();
    endpoints.close();
  }

  /**
   * Waits for {@code future}, bounded by the call timeout plus a second (the calls carry their own
   * deadlines; this is a safety net), and throws its failure unwrapped.
   */
  private <T> T await(CompletableFuture<T> future) {
    long millis = invoker.timeout().toMillis() + 1000;
    try {
      return future.get(millis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw ClientErrors.map(e);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw io.grpc.Status.DEADLINE_EXCEEDED
          .withDescription("keel client: no reply within " + millis + " ms").asRuntimeException();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw io.grpc.Status.CANCELLED.withDescription("keel client: interrupted")
          .withCause(e).asRuntimeException();
    }
  }
}
