package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.keel.kvstore.api.AppliedIndex;
import dev.keel.kvstore.api.ApplyResult;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.api.LeaseInfo;
import dev.keel.kvstore.api.MvccStore;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.api.Watch;
import dev.keel.kvstore.api.WatchListener;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.backend.Column;
import dev.keel.kvstore.backend.RocksBackend;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.CommandBatch;
import dev.keel.kvstore.proto.CommandResult;
import dev.keel.kvstore.proto.CompactionRequest;
import dev.keel.kvstore.proto.CompactionResponse;
import dev.keel.kvstore.proto.DeleteRangeRequest;
import dev.keel.kvstore.proto.DeleteRangeResponse;
import dev.keel.kvstore.proto.KeyValue;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.LeaseGrantResponse;
import dev.keel.kvstore.proto.LeaseRecord;
import dev.keel.kvstore.proto.LeaseRevokeRequest;
import dev.keel.kvstore.proto.LeaseRevokeResponse;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.PutResponse;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.TxnResponse;
import dev.keel.kvstore.watch.WatchHub;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatchWithIndex;

/**
 * The {@link MvccStore} on RocksDB (layout in {@link Layout}).
 *
 * <p>Locks, in the order they may be taken: {@code writeLock} serialises writers, checkpoints,
 * lease reads and close; {@code stateLock} (never held while waiting on anything) guards the
 * in-memory revision, compacted revision and applied index, and makes the commit of a batch and
 * the update of those fields one step, so a reader's snapshot and revision always agree.
 */
public final class RocksMvccStore implements MvccStore {
  private final StoreConfig config;
  private final RocksBackend backend;
  private final RequestChecker checker;
  private final WatchHub hub;
  private final Object writeLock = new Object();
  private final Object stateLock = new Object();
  /** Guarded by writeLock. */
  private final LeaseTable leases = new LeaseTable();
  /** Reused by the single writer; guarded by writeLock. */
  private final WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
  private final ReadOptions writerReads = new ReadOptions();

  /** Guarded by stateLock. */
  private long revision;
  private long compacted;
  private long appliedIndex;
  private long appliedTerm;
  /** Guarded by writeLock: set when a commit failed and memory may be ahead of disk. */
  private boolean failed;
  private boolean closed;

  private RocksMvccStore(StoreConfig config, RocksBackend backend) {
    this.config = config;
    this.backend = backend;
    this.checker = new RequestChecker(config.maxRequestBytes(), config.maxTxnOps());
    load();
    this.hub = new WatchHub(new RocksEventLog(this::snapshotRead), revision,
        config.watchBufferRevisions(), config.watchCatchUpRevisions());
  }

  /** Opens (creating if missing) the store in {@code config.dataDir()}. */
  public static RocksMvccStore open(StoreConfig config) {
    RocksBackend backend = RocksBackend.open(config.dataDir(), config.disableWal());
    try {
      return new RocksMvccStore(config, backend);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  private void load() {
    byte[] applied = backend.get(Column.META, Layout.APPLIED);
    appliedIndex = applied == null ? 0 : Layout.readLong(applied, 0);
    appliedTerm = applied == null ? 0 : Layout.readLong(applied, 8);
    if (applied != null && applied.length >= 24) {
      revision = Layout.readLong(applied, 16);
    } else { // written before the revision moved into the applied record
      byte[] rev = backend.get(Column.META, Layout.REVISION);
      revision = rev == null ? 1 : Layout.readLong(rev, 0);
    }
    byte[] comp = backend.get(Column.META, Layout.COMPACTED);
    compacted = comp == null ? 0 : Layout.readLong(comp, 0);
    try (ReadOptions options = new ReadOptions();
        RocksIterator it = backend.iterator(Column.META, options)) {
      for (it.seek(Layout.LEASE_PREFIX); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (!Arrays.equals(key, 0, Layout.LEASE_PREFIX.length, Layout.LEASE_PREFIX, 0,
            Layout.LEASE_PREFIX.length)) {
          break;
        }
        LeaseRecord record = LeaseRecord.parseFrom(it.value());
        leases.grant(record.getId(), record.getTtl());
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("corrupt lease record in " + config.dataDir(), e);
    }
    try (ReadOptions options = new ReadOptions();
        RocksIterator it = backend.iterator(Column.CURRENT, options)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        KeyValue kv = StoreView.parseKv(it.value(), ByteString.copyFrom(it.key()));
        if (kv.getLease() != 0) {
          leases.move(kv.getKey(), 0, kv.getLease());
        }
      }
    }
  }

  @Override
  public ApplyResult apply(long index, long term, CommandBatch commands) {
    synchronized (writeLock) {
      if (closed || failed) {
        throw new IllegalStateException("store " + config.dataDir() + " is "
            + (closed ? "closed" : "failed after a commit error; reopen it"));
      }
      long applied = appliedIndex();
      if (index <= applied) {
        return new ApplyResult.Skipped(index, applied);
      }
      batch.clear();
      long startRevision;
      long startCompacted;
      synchronized (stateLock) {
        startRevision = revision;
        startCompacted = compacted;
      }
      BatchApplier applier = new BatchApplier(new StoreView(backend, writerReads, Optional.of(batch)),
          batch, leases, checker, index, startRevision, startCompacted);
      List<CommandResult> results = new java.util.ArrayList<>(commands.getCommandsCount());
      for (Command command : commands.getCommandsList()) {
        results.add(applier.apply(command));
      }
      // One meta entry per batch: applied index, term and the current revision together.
      applier.stage(Column.META, Layout.APPLIED,
          ByteBuffer.allocate(24).putLong(index).putLong(term).putLong(applier.revision()).array());
      if (applier.compacted() != startCompacted) {
        applier.stage(Column.META, Layout.COMPACTED, Layout.longBytes(applier.compacted()));
      }
      try {
        synchronized (stateLock) {
          backend.write(batch);
          revision = applier.revision();
          compacted = applier.compacted();
          appliedIndex = index;
          appliedTerm = term;
        }
      } catch (RuntimeException e) {
        failed = true;
        throw e;
      }
      hub.notify(applier.published());
      if (applier.compacted() != startCompacted) {
        hub.poke();
      }
      return new ApplyResult.Applied(results);
    }
  }

  @Override
  public RangeResponse range(RangeRequest request) {
    return snapshotRead(read -> RangeExecutor.execute(
        read.view(), request, read.revision(), read.compacted(), read.revision()));
  }

  /** A consistent read: a snapshot and the revision and compacted revision it contains. */
  record Read(StoreView view, long revision, long compacted) {}

  <T> T snapshotRead(Function<Read, T> reader) {
    Snapshot snapshot;
    long rev;
    long comp;
    synchronized (stateLock) {
      if (closed) {
        throw new KvException(KvError.STOPPED, "store " + config.dataDir() + " is closed");
      }
      snapshot = backend.snapshot();
      rev = revision;
      comp = compacted;
    }
    try (ReadOptions options = new ReadOptions().setSnapshot(snapshot)) {
      return reader.apply(new Read(new StoreView(backend, options, Optional.empty()), rev, comp));
    } finally {
      backend.releaseSnapshot(snapshot);
    }
  }

  @Override
  public Watch watch(WatchSpec spec, WatchListener listener) {
    if (spec.startRevision() == 0) {
      // The hub may not have been told of the latest commit yet: "from now" means after the
      // store's revision, not after the hub's.
      spec = new WatchSpec(spec.key(), spec.rangeEnd(), revision() + 1, spec.prevKv(),
          spec.noPut(), spec.noDelete());
    }
    return hub.watch(spec, listener);
  }

  @Override
  public long revision() {
    synchronized (stateLock) {
      return revision;
    }
  }

  @Override
  public long compactRevision() {
    synchronized (stateLock) {
      return compacted;
    }
  }

  @Override
  public long appliedIndex() {
    synchronized (stateLock) {
      return appliedIndex;
    }
  }

  @Override
  public long appliedTerm() {
    synchronized (stateLock) {
      return appliedTerm;
    }
  }

  @Override
  public List<LeaseInfo> leases() {
    synchronized (writeLock) {
      return leases.all();
    }
  }

  @Override
  public Optional<LeaseInfo> lease(long id) {
    synchronized (writeLock) {
      return leases.info(id);
    }
  }

  @Override
  public long stateHash() {
    MessageDigest digest = sha256();
    snapshotRead(read -> {
      digest.update(Layout.longBytes(read.revision()));
      digest.update(Layout.longBytes(read.compacted()));
      try (RocksIterator it = read.view().iterator(Column.CURRENT)) {
        for (it.seekToFirst(); it.isValid(); it.next()) {
          digest.update(Layout.longBytes(it.key().length));
          digest.update(it.key());
          digest.update(Layout.longBytes(it.value().length));
          digest.update(it.value());
        }
      }
      return null;
    });
    for (LeaseInfo lease : leases()) {
      digest.update(Layout.longBytes(lease.id()));
      digest.update(Layout.longBytes(lease.ttlSeconds()));
    }
    return ByteBuffer.wrap(digest.digest()).getLong();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public long sizeOnDisk() {
    return backend.approximateSize();
  }

  @Override
  public AppliedIndex checkpoint(Path dir) {
    synchronized (writeLock) {
      backend.checkpoint(dir);
      return new AppliedIndex(appliedTerm(), appliedIndex());
    }
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      synchronized (stateLock) {
        if (closed) {
          return;
        }
        closed = true;
      }
      hub.close();
      writerReads.close();
      batch.close();
      backend.close();
    }
  }

  // ---- single-command conveniences ----

  private CommandResult applyOne(long index, Command command) {
    ApplyResult result = apply(index, 0, CommandBatch.newBuilder().addCommands(command).build());
    if (result instanceof ApplyResult.Skipped skipped) {
      throw new IllegalArgumentException(
          "index " + index + " is at or below the applied index " + skipped.appliedIndex());
    }
    CommandResult one = ((ApplyResult.Applied) result).results().get(0);
    if (one.hasError()) {
      throw new KvException(KvError.valueOf(one.getError().getKind()), one.getError().getDetail());
    }
    return one;
  }

  @Override
  public PutResponse put(long index, PutRequest request) {
    return applyOne(index, Command.newBuilder().setPut(request).build()).getPut();
  }

  @Override
  public DeleteRangeResponse deleteRange(long index, DeleteRangeRequest request) {
    return applyOne(index, Command.newBuilder().setDeleteRange(request).build()).getDeleteRange();
  }

  @Override
  public TxnResponse txn(long index, TxnRequest request) {
    return applyOne(index, Command.newBuilder().setTxn(request).build()).getTxn();
  }

  @Override
  public CompactionResponse compact(long index, CompactionRequest request) {
    return applyOne(index, Command.newBuilder().setCompact(request).build()).getCompact();
  }

  @Override
  public LeaseGrantResponse leaseGrant(long index, LeaseGrantRequest request) {
    return applyOne(index, Command.newBuilder().setLeaseGrant(request).build()).getLeaseGrant();
  }

  @Override
  public LeaseRevokeResponse leaseRevoke(long index, LeaseRevokeRequest request) {
    return applyOne(index, Command.newBuilder().setLeaseRevoke(request).build()).getLeaseRevoke();
  }
}
