package dev.keel.kvstore.raft;

import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.ExponentialBackoffRetry;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's way into its Raft group: leader-local proposals, forwarding through Ratis
 * clients, ReadIndex barriers and membership changes. Owns its clients and executors.
 *
 * <p>Two Ratis clients, because an ordered async client that mixes writes with other request
 * kinds can leave requests unanswered (notes/ratis.md): one for writes, one for leader queries
 * and admin calls.
 */
final class RaftGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftGateway.class);

  private final RaftServer server;
  private final RaftGroup configuredGroup;
  private final RaftSettings settings;
  private final Duration requestTimeout;
  private final ClientId localClientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  private final ScheduledExecutorService timer;
  private final ExecutorService admin;

  /** Guarded by this: created on first use from the group's current peers. */
  private RaftClient writeClient;
  private RaftClient queryClient;
  private boolean closed;

  RaftGateway(RaftServer server, RaftGroup group, RaftSettings settings, Duration requestTimeout) {
    this.server = server;
    this.configuredGroup = group;
    this.settings = settings;
    this.requestTimeout = requestTimeout;
    String name = server.getId().toString();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "keel-raft-timer-" + name));
    this.admin = Executors.newSingleThreadExecutor(r -> daemon(r, "keel-raft-admin-" + name));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  RaftGroupId groupId() {
    return configuredGroup.getGroupId();
  }

  RaftPeerId selfId() {
    return server.getId();
  }

  RaftServer.Division division() {
    try {
      return server.getDivision(groupId());
    } catch (IOException e) {
      throw new KvException(KvError.STOPPED, "raft group " + groupId() + " is not running on "
          + selfId() + ": " + e.getMessage());
    }
  }

  DivisionInfo info() {
    return division().getInfo();
  }

  boolean isLeaderReady() {
    try {
      DivisionInfo info = info();
      return info.isLeader() && info.isLeaderReady();
    } catch (KvException e) {
      return false;
    }
  }

  Optional<RaftPeerId> leaderId() {
    try {
      return Optional.ofNullable(info().getLeaderId());
    } catch (KvException e) {
      return Optional.empty();
    }
  }

  long term() {
    try {
      return info().getCurrentTerm();
    } catch (KvException e) {
      return 0;
    }
  }

  long commitIndex() {
    return division().getRaftLog().getLastCommittedIndex();
  }

  long appliedIndex() {
    return info().getLastAppliedIndex();
  }

  /** Voting members of the current configuration. */
  Collection<RaftPeer> peers() {
    return division().getRaftConf().getCurrentPeers();
  }

  /**
   * Proposes one log entry and returns the state machine's reply bytes. On the leader the entry
   * is submitted to the local server; elsewhere a Ratis client sends it and follows redirects to
   * the leader. A local submission that finds the leader not yet ready is sent through the client
   * instead (nothing was appended). The reply is the state machine's message: on the leader the
   * very object it returned, elsewhere its encoding.
   */
  CompletableFuture<Message> write(Message message) {
    if (!isLeaderReady()) {
      return viaClient(message);
    }
    return submitLocal(message, RaftClientRequest.writeRequestType()).thenCompose(reply -> {
      if (reply.isSuccess()) {
        return CompletableFuture.completedFuture(reply.getMessage());
      }
      if (reply.getLeaderNotReadyException() != null) {
        return viaClient(message);
      }
      return CompletableFuture.failedFuture(RatisFailures.toKv(reply.getException(), "write"));
    });
  }

  private CompletableFuture<Message> viaClient(Message message) {
    return writeClient().async().send(message).thenApply(reply -> {
      if (!reply.isSuccess()) {
        throw RatisFailures.toKv(reply.getException(), "write");
      }
      return reply.getMessage();
    });
  }

  private CompletableFuture<RaftClientReply> submitLocal(Message message, RaftClientRequest.Type type) {
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(localClientId)
        .setServerId(selfId())
        .setGroupId(groupId())
        .setCallId(callIds.incrementAndGet())
        .setMessage(message)
        .setType(type)
        .setTimeoutMs(requestTimeout.toMillis())
        .build();
    try {
      return server.submitClientRequestAsync(request);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Completes once this replica has applied everything committed when the call was made
   * (Ratis ReadIndex, answered by the leader, waited for locally). Retries while there is no
   * leader, until the request timeout.
   *
   * <p>Submitted from this gateway's timer thread: Ratis's {@code submitClientRequestAsync} waits
   * for its client executor to take the request, and the caller may be a thread that must not
   * wait (an in-process gRPC call runs on its client's thread).
   */
  CompletableFuture<Void> readBarrier() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    long deadline = System.nanoTime() + requestTimeout.toNanos();
    try {
      timer.execute(() -> readBarrier(done, deadline, 20));
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(new KvException(KvError.STOPPED, "raft gateway of " + selfId() + " is closed"));
    }
    return done;
  }

  private void readBarrier(CompletableFuture<Void> done, long deadline, long backoffMs) {
    submitLocal(Message.EMPTY, RaftClientRequest.readRequestType()).whenComplete((reply, failure) -> {
      Throwable error = failure != null ? failure : reply.isSuccess() ? null : reply.getException();
      if (error == null) {
        done.complete(null);
      } else if (RatisFailures.retriable(error) && System.nanoTime() + backoffMs * 1_000_000 < deadline) {
        timer.schedule(() -> readBarrier(done, deadline, Math.min(backoffMs * 2, 500)),
            backoffMs, TimeUnit.MILLISECONDS);
      } else {
        done.completeExceptionally(RatisFailures.toKv(error, "linearizable read on " + selfId()));
      }
    });
  }

  /** Sends a query that only the leader may answer (lease keep-alive, time-to-live). */
  CompletableFuture<byte[]> leaderQuery(byte[] query) {
    Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(query));
    return queryClient().async().sendReadOnlyNonLinearizable(message).thenApply(reply -> {
      if (!reply.isSuccess()) {
        throw RatisFailures.toKv(reply.getException(), "leader query");
      }
      return reply.getMessage().getContent().toByteArray();
    });
  }

  /**
   * Replaces the voting members; completes when the new configuration is committed.
   *
   * <p>A failed change makes the leader step down. Ratis 3.2.1 can wedge a leader's reconfiguration: a leader
   * elected while the old-and-new configuration that removed a peer was in its log keeps a log sender for that
   * peer after the new configuration commits; adding the peer back then fails in {@code addSenders} ("Found
   * duplicated element") after the request was registered as pending, and every later {@code setConfiguration}
   * on that leader fails its "no pending reconfiguration" precondition. A new leader starts with fresh leader
   * state, so the retried change goes through (found by the fault property: remove and re-add the leader).
   */
  CompletableFuture<Void> setConfiguration(List<RaftPeer> peers) {
    return CompletableFuture.runAsync(() -> {
      try {
        RaftClientReply reply = queryClient().admin().setConfiguration(peers);
        if (!reply.isSuccess()) {
          stepDownAfterFailedReconfiguration(peers);
          throw RatisFailures.toKv(reply.getException(), "set configuration " + peers);
        }
      } catch (IOException e) {
        stepDownAfterFailedReconfiguration(peers);
        throw RatisFailures.toKv(e, "set configuration " + peers);
      }
    }, admin);
  }

  private void stepDownAfterFailedReconfiguration(List<RaftPeer> peers) {
    LOG.warn("configuration change to {} failed: asking the leader to step down so a fresh leader retries it",
        peers);
    try {
      RaftClientReply reply = queryClient().admin()
          .transferLeadership(null, settings.electionTimeoutMax().toMillis() * 5);
      if (!reply.isSuccess()) {
        LOG.info("leader step-down after a failed configuration change: {}", reply.getException());
      }
    } catch (IOException | RuntimeException e) {
      LOG.info("leader step-down after a failed configuration change failed: {}", e.toString());
    }
  }

  CompletableFuture<Void> transferLeadership(RaftPeerId target) {
    return CompletableFuture.runAsync(() -> {
      try {
        RaftClientReply reply = queryClient().admin()
            .transferLeadership(target, settings.electionTimeoutMax().toMillis() * 5);
        if (!reply.isSuccess()) {
          throw RatisFailures.toKv(reply.getException(), "transfer leadership to " + target);
        }
      } catch (IOException e) {
        throw RatisFailures.toKv(e, "transfer leadership to " + target);
      }
    }, admin);
  }

  private synchronized RaftClient writeClient() {
    if (writeClient == null) {
      writeClient = newClient();
    }
    return writeClient;
  }

  private synchronized RaftClient queryClient() {
    if (queryClient == null) {
      queryClient = newClient();
    }
    return queryClient;
  }

  private RaftClient newClient() {
    if (closed) {
      throw new KvException(KvError.STOPPED, "raft gateway of " + selfId() + " is closed");
    }
    RaftGroup group = configuredGroup;
    try {
      Collection<RaftPeer> current = peers();
      if (!current.isEmpty()) {
        group = RaftGroup.valueOf(groupId(), new ArrayList<>(current));
      }
    } catch (KvException e) {
      // Not started yet: the configured group will do.
    }
    RaftClient.Builder builder = RaftClient.newBuilder()
        .setRaftGroup(group)
        .setProperties(RaftServers.client(settings))
        .setRetryPolicy(retryPolicy());
    leaderId().ifPresent(builder::setLeaderId);
    return builder.build();
  }

  private RetryPolicy retryPolicy() {
    RetryPolicy backoff = ExponentialBackoffRetry.newBuilder()
        .setBaseSleepTime(TimeDuration.valueOf(50, TimeUnit.MILLISECONDS))
        .setMaxSleepTime(TimeDuration.valueOf(1, TimeUnit.SECONDS))
        .setMaxAttempts(Integer.MAX_VALUE)
        .build();
    TimeDuration total = RaftServers.duration(requestTimeout);
    RequestTypeDependentRetryPolicy.Builder policy = new RequestTypeDependentRetryPolicy.Builder();
    for (TypeCase type : List.of(TypeCase.WRITE, TypeCase.READ, TypeCase.STALEREAD)) {
      policy.setRetryPolicy(type, backoff).setTimeout(type, total);
    }
    return policy.build();
  }

  @Override
  public void close() {
    List<RaftClient> clients = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (writeClient != null) {
        clients.add(writeClient);
      }
      if (queryClient != null) {
        clients.add(queryClient);
      }
    }
    for (RaftClient client : clients) {
      try {
        client.close();
      } catch (IOException e) {
        // Closing a client only fails on I/O of its channels; nothing to recover.
      }
    }
    timer.shutdownNow();
    admin.shutdownNow();
  }
}
