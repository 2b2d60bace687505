package dev.keel.kvstore.api;

import dev.keel.kvstore.proto.CommandBatch;
import dev.keel.kvstore.proto.CompactionRequest;
import dev.keel.kvstore.proto.CompactionResponse;
import dev.keel.kvstore.proto.DeleteRangeRequest;
import dev.keel.kvstore.proto.DeleteRangeResponse;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.LeaseGrantResponse;
import dev.keel.kvstore.proto.LeaseRevokeRequest;
import dev.keel.kvstore.proto.LeaseRevokeResponse;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.PutResponse;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.TxnResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A multi-version key-value store with etcd v3 semantics (see shared/notes/etcd-api.md).
 *
 * <p>Revisions: a new store is at revision 1; every command that changes at least one key bumps the
 * revision by exactly one, whatever number of keys it touches. Reads at revision 0 (or negative)
 * read the latest revision; reads below {@link #compactRevision()} fail with
 * {@link KvError#COMPACTED}; reads above {@link #revision()} with {@link KvError#FUTURE_REVISION}.
 *
 * <p>Writes: every mutation carries the index of the log entry it comes from (the Raft index). One
 * entry is applied as one atomic RocksDB write batch that also records the index, so after a
 * crash an entry at or below the stored index is skipped. Writes are single-threaded by contract
 * (the Raft apply thread); the implementation still serialises them. Reads, watches and the
 * accessors are thread-safe and may run concurrently with writes.
 *
 * <p>Header fields other than {@code revision} (cluster, member, term) are left 0 for the caller
 * to fill.
 */
public interface MvccStore extends AutoCloseable {

  /**
   * Applies one log entry: each command gets its own revision (if it changes anything) and its
   * own result; an etcd-level failure of one command is a {@code CommandError} result and does not
   * affect the others.
   *
   * @param index the log index of the entry, > 0
   * @param term the log term of the entry (recorded with the index for snapshots)
   */
  ApplyResult apply(long index, long term, CommandBatch batch);

  /** Reads as etcd's Range does. */
  RangeResponse range(RangeRequest request);

  /**
   * Starts a watcher. Events from {@code spec.startRevision()} (inclusive) onwards are delivered to
   * {@code listener}; a start below the compacted revision gets {@link WatchListener#onCompacted}.
   *
   * @throws KvException {@link KvError#WATCH_RANGE_EMPTY} when rangeEnd is set and <= key
   */
  Watch watch(WatchSpec spec, WatchListener listener);

  /** The current revision (1 for a new store). */
  long revision();

  /** The compacted revision (0 when never compacted); reads at it still work. */
  long compactRevision();

  /** The index of the last applied entry (0 for a new store). */
  long appliedIndex();

  /** The term recorded with {@link #appliedIndex()}. */
  long appliedTerm();

  /** Leases that exist (not revoked), in id order. */
  List<LeaseInfo> leases();

  /** One lease with its attached keys, if it exists. */
  Optional<LeaseInfo> lease(long id);

  /**
   * A hash of the logical state (live keys with all their fields, revision, compacted revision,
   * leases): two stores that applied the same entries have equal hashes.
   */
  long stateHash();

  /** Size of the database files on disk in bytes. */
  long sizeOnDisk();

  /**
   * Writes a consistent checkpoint of the store into {@code dir} (which must not exist), durable
   * on return, and returns the applied index and term it contains.
   */
  AppliedIndex checkpoint(Path dir);

  @Override
  void close();

  // Single-command conveniences for callers that own the index sequence (tests, benchmarks).
  // Each throws KvException for an etcd-level failure, and IllegalArgumentException when the index
  // is at or below the applied index.

  PutResponse put(long index, PutRequest request);

  DeleteRangeResponse deleteRange(long index, DeleteRangeRequest request);

  TxnResponse txn(long index, TxnRequest request);

  CompactionResponse compact(long index, CompactionRequest request);

  LeaseGrantResponse leaseGrant(long index, LeaseGrantRequest request);

  LeaseRevokeResponse leaseRevoke(long index, LeaseRevokeRequest request);
}
