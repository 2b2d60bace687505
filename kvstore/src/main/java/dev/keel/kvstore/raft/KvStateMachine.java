package dev.keel.kvstore.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.keel.kvstore.api.AppliedIndex;
import dev.keel.kvstore.api.ApplyResult;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.api.MvccStore;
import dev.keel.kvstore.proto.CommandBatch;
import dev.keel.kvstore.proto.CommandBatchResult;
import dev.keel.kvstore.proto.CommandResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine over an {@link MvccStore}.
 *
 * <p>Writes: each log entry carries a {@link CommandBatch}; {@link #applyTransaction} hands it to
 * the store with the entry's index and term and replies with a {@link BatchReply} (a
 * {@link CommandBatchResult} once encoded).
 * etcd-level failures are {@code CommandError} results, never exceptions (a thrown exception stops
 * the division on every replica). An entry at or below the store's applied index is skipped by
 * the store, which is how a restart replays the log above the last snapshot.
 *
 * <p>Reads: a linearizable read is a Ratis read request with an empty message: Ratis completes
 * {@link #query} once this replica has applied the read index, after which the caller reads the
 * store directly. Non-empty queries go to {@link StateMachineListener#query} (leader-side lease
 * operations).
 *
 * <p>Snapshots are store checkpoints in {@link CheckpointStorage}; the live database is a
 * {@link DbDirs} generation beside the Raft storage. Installing a snapshot: {@link #pause} closes
 * the store, Ratis replaces the snapshot directory, {@link #reinitialize} opens a copy of the
 * received checkpoint as the new generation.
 */
public final class KvStateMachine extends BaseStateMachine {

  private static final Logger LOG = LoggerFactory.getLogger(KvStateMachine.class);

  private final StoreOpener opener;
  private final DbDirs dbDirs;
  /** Replaced once by the service that listens; no-op until then. */
  private volatile StateMachineListener listener;
  /** Set when Raft itself shut the division down ({@link #notifyServerShutdown}). */
  private volatile boolean shutDownByRaft;
  private final CheckpointStorage storage = new CheckpointStorage(2);
  private final StoreHolder holder = new StoreHolder();

  private final Timer applyLatency;
  private final Counter snapshots;
  private final DistributionSummary snapshotBytes;
  private final Counter leaderChanges;

  /**
   * @param opener opens a store in a database directory
   * @param dataDir where the live database generations {@code db-<n>} live (not the Raft dir)
   * @param meters where the apply and snapshot meters go
   */
  public KvStateMachine(StoreOpener opener, Path dataDir, MeterRegistry meters) {
    this.opener = opener;
    this.dbDirs = new DbDirs(dataDir);
    this.listener = new StateMachineListener() {};
    this.applyLatency = Timer.builder("keel.raft.apply.latency")
        .description("time to apply one log entry to the store").register(meters);
    this.snapshots = Counter.builder("keel.raft.snapshots")
        .description("snapshots taken by this replica").register(meters);
    this.snapshotBytes = DistributionSummary.builder("keel.raft.snapshot.size")
        .baseUnit("bytes").description("size of each snapshot taken").register(meters);
    this.leaderChanges = Counter.builder("keel.raft.leader.changes")
        .description("leader changes seen by this replica").register(meters);
  }

  /** Sets who hears about applies, leadership and leader queries. */
  void setListener(StateMachineListener listener) {
    this.listener = listener;
  }

  /** The store holder: every read and watch of the service goes through it. */
  StoreHolder store() {
    return holder;
  }

  /** Size of the live database in bytes, NaN while no store is open. */
  public double storeSizeOnDisk() {
    try {
      return holder.call(s -> (double) s.sizeOnDisk());
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    getLifeCycle().startAndTransition(this::openStore, IOException.class);
  }

  /**
   * Opens the newest database generation; when there is none, or it is older than the newest
   * snapshot (a crash between receiving a snapshot and opening it), starts from the snapshot.
   */
  private void openStore() throws IOException {
    Optional<SnapshotDir> snapshot = storage.latest();
    Optional<Path> existing = dbDirs.current();
    Path dir = existing.orElse(null);
    if (dir == null) {
      dir = snapshot.isPresent() ? dbDirs.installFrom(snapshot.get().path()) : dbDirs.first();
    }
    MvccStore store = opener.open(dir);
    if (snapshot.isPresent() && store.appliedIndex() < snapshot.get().index()) {
      LOG.info("{}: database {} at index {} is behind snapshot {}; reopening from the snapshot",
          getId(), dir, store.appliedIndex(), snapshot.get().path());
      store.close();
      dir = dbDirs.installFrom(snapshot.get().path());
      store = opener.open(dir);
    }
    holder.install(store);
    dbDirs.deleteAllExcept(dir);
    snapshot.ifPresent(s -> setLastAppliedTermIndex(s.termIndex()));
    LOG.info("{}: opened store {} at applied index {} (snapshot {})", getId(), dir,
        store.appliedIndex(), snapshot.map(SnapshotDir::index).orElse(-1L));
    listener.onStoreOpened();
  }

  /**
   * Keeps a batch proposed on this leader with its transaction (see {@link BatchProposal}); Ratis
   * hands the same transaction to {@link #applyTransaction} for the entry it appended.
   */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    TransactionContext trx = super.startTransaction(request);
    if (request.getMessage() instanceof BatchProposal proposal) {
      trx.setStateMachineContext(proposal.batch());
    }
    return trx;
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long index = entry.getIndex();
    long term = entry.getTerm();
    CommandBatch batch;
    if (trx.getStateMachineContext() instanceof CommandBatch proposed) {
      batch = proposed; // proposed on this leader: the object the log entry encodes
    } else {
      try {
        batch = CommandBatch.parseFrom(entry.getStateMachineLogEntry().getLogData().toByteArray());
      } catch (InvalidProtocolBufferException e) {
        // Not written by Keel: skip it on every replica alike, fail only the proposer.
        updateLastAppliedTermIndex(term, index);
        return CompletableFuture.failedFuture(
            new IllegalArgumentException("log entry " + term + ":" + index + " is not a CommandBatch", e));
      }
    }
    long start = System.nanoTime();
    ApplyResult result;
    if (holder.peek().isEmpty()) {
      // Released for an installation, yet entries come to be applied: this thread is the one that
      // would open the installed snapshot, so waiting for it could only time out.
      reopenAfterAbandonedInstall();
    }
    try {
      result = holder.call(s -> s.apply(index, term, batch));
    } catch (KvException e) {
      if (!reopenAfterAbandonedInstall()) {
        throw e;
      }
      result = holder.call(s -> s.apply(index, term, batch));
    }
    updateLastAppliedTermIndex(term, index);
    applyLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    List<CommandResult> results =
        result instanceof ApplyResult.Applied applied ? applied.results() : List.of();
    if (!results.isEmpty()) {
      listener.onApplied(batch, results);
    }
    return CompletableFuture.completedFuture(new BatchReply(results));
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    if (request.getContent().isEmpty()) {
      return CompletableFuture.completedFuture(Message.EMPTY);
    }
    return listener.query(request.getContent().toByteArray())
        .thenApply(bytes -> Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes)));
  }

  @Override
  public CompletableFuture<Message> queryStale(Message request, long minIndex) {
    return query(request);
  }

  @Override
  public long takeSnapshot() throws IOException {
    Path tmp = storage.newTempDir();
    AppliedIndex contained = holder.call(s -> s.checkpoint(tmp));
    if (contained.index() == 0) {
      DirTrees.deleteRecursively(tmp);
      return -1;
    }
    SnapshotDir snapshot = storage.publish(tmp, contained.term(), contained.index());
    snapshots.increment();
    snapshotBytes.record(sizeOf(snapshot.path()));
    LOG.info("{}: snapshot {} taken", getId(), snapshot.path().getFileName());
    return contained.index();
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /**
   * Serialises {@link #pause} (called on the snapshot-install RPC thread) with
   * {@link #reinitialize} (called on the updater thread): a leader may resend the first chunk of a
   * new snapshot while the previous one is still being opened, and pausing a store in STARTING is
   * an illegal transition that closes the division (found by the fault property, issue 3).
   */
  private final Object installLock = new Object();

  @Override
  public void pause() {
    synchronized (installLock) {
      LifeCycle lifeCycle = getLifeCycle();
      if (lifeCycle.getCurrentState() == LifeCycle.State.PAUSED) {
        return; // another chunk, or a new installation after an abandoned one (the store may be open again)
      }
      lifeCycle.transition(LifeCycle.State.PAUSING);
      holder.release();
      lifeCycle.transition(LifeCycle.State.PAUSED);
      LOG.info("{}: paused for snapshot installation", getId());
    }
  }

  @Override
  public void reinitialize() throws IOException {
    synchronized (installLock) {
      getLifeCycle().startAndTransition(this::openInstalledSnapshot, IOException.class);
    }
  }

  /**
   * The updater is applying entries while the store is still released for a snapshot that never
   * arrived: a leader can abandon an installation after {@link #pause} (its stream failed, then it
   * found the follower's log good enough to append to), and Ratis then calls neither
   * {@link #reinitialize} nor anything else. Waiting on would fail the apply and make Ratis close
   * the division (found by the fault property: remove and re-add a member, then pause it). The
   * released database is still intact, so it is opened again where it was.
   *
   * <p>The lifecycle stays PAUSED: the installation may still complete after all (its last chunk
   * arrives late, from a leader that lost its term meanwhile), and Ratis then asserts PAUSED before
   * it calls {@link #reinitialize}, which opens the snapshot in place of the reopened store.
   * Moving to RUNNING here made that assertion fail and close the division for good (found by the
   * fault property: re-add the leader, pause it, isolate the next leader).
   *
   * @return true when the store was reopened
   */
  private boolean reopenAfterAbandonedInstall() {
    synchronized (installLock) {
      if (getLifeCycle().getCurrentState() != LifeCycle.State.PAUSED || holder.peek().isPresent()) {
        return false;
      }
      Optional<Path> dir;
      try {
        dir = dbDirs.current();
      } catch (IOException e) {
        LOG.error("{}: cannot list database directories", getId(), e);
        return false;
      }
      if (dir.isEmpty()) {
        return false;
      }
      try {
        MvccStore store = opener.open(dir.get());
        holder.install(store);
        LOG.warn("{}: snapshot installation abandoned; reopened {} at applied index {}", getId(),
            dir.get(), store.appliedIndex());
        listener.onStoreOpened();
        return true;
      } catch (RuntimeException e) {
        LOG.error("{}: could not reopen {} after an abandoned snapshot installation", getId(), dir.get(), e);
        return false;
      }
    }
  }

  private void openInstalledSnapshot() throws IOException {
    SnapshotDir snapshot = storage.latest().orElseThrow(
        () -> new IOException("reinitialize without a complete snapshot in " + storage.dir()));
    Path dir = dbDirs.installFrom(snapshot.path());
    MvccStore store = opener.open(dir);
    if (store.appliedIndex() != snapshot.index()) {
      store.close();
      throw new IOException("installed snapshot " + snapshot.path() + " holds applied index "
          + store.appliedIndex() + ", expected " + snapshot.index());
    }
    holder.install(store);
    dbDirs.deleteAllExcept(dir);
    setLastAppliedTermIndex(snapshot.termIndex());
    LOG.info("{}: installed snapshot {} as {}", getId(), snapshot.path().getFileName(), dir);
    listener.onStoreOpened();
  }

  @Override
  public void notifyLeaderReady() {
    listener.onLeaderReady();
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
    leaderChanges.increment();
    if (!member.getPeerId().equals(newLeaderId)) {
      listener.onNotLeader();
    }
  }

  @Override
  public void notifyNotLeader(java.util.Collection<TransactionContext> pending) {
    listener.onNotLeader();
  }

  /**
   * Ratis calls this when it closes the division: with {@code allServer} when the whole server
   * closes, without it when Raft itself shut this division down. In Ratis 3.2.1 the latter is
   * {@code LeaderElection}: an election found this member outside its own configuration, or a
   * leader answered its vote request with "shutdown" (the candidate is not in the leader's
   * configuration). Both mean this member is out of the group for good.
   */
  @Override
  public void notifyServerShutdown(org.apache.ratis.proto.RaftProtos.RoleInfoProto roleInfo,
      boolean allServer) {
    if (!allServer) {
      shutDownByRaft = true;
      LOG.warn("{}: Raft shut this division down as {}: this member is not in the group's configuration",
          getId(), roleInfo.getRole());
    }
    if (roleInfo.getRole() == RaftPeerRole.LEADER) {
      listener.onNotLeader();
    }
  }

  /** True once Raft shut this division down because this member is not in the group (see above). */
  public boolean shutDownByRaft() {
    return shutDownByRaft;
  }

  @Override
  public void close() {
    holder.close();
  }
}
