package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.backend.Column;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.CommandError;
import dev.keel.kvstore.proto.CommandResult;
import dev.keel.kvstore.proto.CompactionRequest;
import dev.keel.kvstore.proto.CompactionResponse;
import dev.keel.kvstore.proto.DeleteRangeRequest;
import dev.keel.kvstore.proto.DeleteRangeResponse;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.KeyValue;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.LeaseGrantResponse;
import dev.keel.kvstore.proto.LeaseRecord;
import dev.keel.kvstore.proto.LeaseRevokeRequest;
import dev.keel.kvstore.proto.LeaseRevokeResponse;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.PutResponse;
import dev.keel.kvstore.proto.ResponseHeader;
import dev.keel.kvstore.watch.RevisionEvents;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatchWithIndex;

/**
 * Applies the commands of one log entry into one pending write batch. Each command that changes a
 * key gets the next revision; its writes get sub-revisions 0, 1, 2, ... Reads inside the entry go
 * through the batch, so a command sees the writes of the commands before it (and a txn its own).
 *
 * <p>Every failure a command can have is checked before its first write, so a failed command
 * leaves nothing in the batch; a failure after a write is a broken invariant.
 *
 * <p>Confined to the store's single writer; mutates the store's {@link LeaseTable} (the store
 * treats a failed commit as fatal, so the table never runs ahead of what is durable).
 */
final class BatchApplier {
  static final long MAX_LEASE_TTL = 9_000_000_000L;

  private final StoreView view;
  private final WriteBatchWithIndex batch;
  private final LeaseTable leases;
  private final RequestChecker checker;
  private final long index;
  private final List<RevisionEvents> published = new ArrayList<>();
  private long revision;
  private long compacted;

  private long pendingMain;
  private long sub;
  private List<Event> pendingEvents;
  /**
   * Per key written by the running command, its value before the command: etcd's prev_kv is the
   * key at revision - 1, also when a nested txn put the key earlier in the same revision.
   */
  private final java.util.Map<ByteString, Optional<KeyValue>> prevOfCommand = new java.util.HashMap<>();

  BatchApplier(StoreView view, WriteBatchWithIndex batch, LeaseTable leases, RequestChecker checker,
      long index, long revision, long compacted) {
    this.view = view;
    this.batch = batch;
    this.leases = leases;
    this.checker = checker;
    this.index = index;
    this.revision = revision;
    this.compacted = compacted;
  }

  long revision() {
    return revision;
  }

  long compacted() {
    return compacted;
  }

  /** The revisions this entry produced, with their live events (prev kvs included). */
  List<RevisionEvents> published() {
    return published;
  }

  CommandResult apply(Command command) {
    pendingMain = revision + 1;
    sub = 0;
    pendingEvents = new ArrayList<>();
    prevOfCommand.clear();
    CommandResult result;
    try {
      checker.check(command);
      result = dispatch(command);
    } catch (KvException e) {
      if (!pendingEvents.isEmpty()) {
        throw new IllegalStateException("command failed after writing at revision " + pendingMain, e);
      }
      return CommandResult.newBuilder()
          .setError(CommandError.newBuilder().setKind(e.error().name()).setDetail(e.detail()))
          .build();
    }
    if (!pendingEvents.isEmpty()) {
      revision = pendingMain;
      published.add(new RevisionEvents(pendingMain, pendingEvents));
    }
    return result;
  }

  private CommandResult dispatch(Command command) {
    CommandResult.Builder result = CommandResult.newBuilder();
    switch (command.getOpCase()) {
      case PUT:
        // etcd's top-level Put looks the lease up before the ignore_* key check (inside a txn,
        // checkRequestPut does it the other way round).
        checkLeaseOf(command.getPut());
        return result.setPut(put(command.getPut())).build();
      case DELETE_RANGE:
        return result.setDeleteRange(deleteRange(command.getDeleteRange())).build();
      case TXN:
        return result.setTxn(new TxnExecutor(this).execute(command.getTxn())).build();
      case COMPACT:
        return result.setCompact(compact(command.getCompact())).build();
      case LEASE_GRANT:
        return result.setLeaseGrant(leaseGrant(command.getLeaseGrant())).build();
      case LEASE_REVOKE:
        return result.setLeaseRevoke(leaseRevoke(command.getLeaseRevoke())).build();
      default:
        throw new KvException(KvError.KEY_NOT_FOUND, "command has no operation set");
    }
  }

  // ---- the pieces TxnExecutor shares ----

  StoreView view() {
    return view;
  }

  /** True once the running command has written something. */
  boolean changed() {
    return !pendingEvents.isEmpty();
  }

  /** The revision reads see now: the new revision once the command wrote, else the old one. */
  long visibleRevision() {
    return changed() ? pendingMain : revision;
  }

  static ResponseHeader header(long revision) {
    return ResponseHeader.newBuilder().setRevision(revision).build();
  }

  /** Checks what a put could fail on, without writing. Returns the existing key-value, if any. */
  Optional<KeyValue> checkPut(PutRequest request) {
    if (request.getIgnoreValue() && !request.getValue().isEmpty()) {
      throw new KvException(KvError.VALUE_PROVIDED,
          "put of key \"" + request.getKey().toStringUtf8() + "\" has ignore_value and a value");
    }
    if (request.getIgnoreLease() && request.getLease() != 0) {
      throw new KvException(KvError.LEASE_PROVIDED,
          "put of key \"" + request.getKey().toStringUtf8() + "\" has ignore_lease and lease "
              + request.getLease());
    }
    Optional<KeyValue> prev = view.current(request.getKey());
    if ((request.getIgnoreValue() || request.getIgnoreLease()) && prev.isEmpty()) {
      throw new KvException(KvError.KEY_NOT_FOUND,
          "put with ignore_value/ignore_lease of missing key \"" + request.getKey().toStringUtf8() + "\"");
    }
    long lease = request.getIgnoreLease() ? prev.get().getLease() : request.getLease();
    if (lease != 0 && !leases.exists(lease)) {
      throw new KvException(KvError.LEASE_NOT_FOUND,
          "put of key \"" + request.getKey().toStringUtf8() + "\" with lease " + lease);
    }
    return prev;
  }

  private void checkLeaseOf(PutRequest request) {
    if (request.getLease() != 0 && !leases.exists(request.getLease())) {
      throw new KvException(KvError.LEASE_NOT_FOUND,
          "put of key \"" + request.getKey().toStringUtf8() + "\" with lease " + request.getLease());
    }
  }

  PutResponse put(PutRequest request) {
    Optional<KeyValue> prev = checkPut(request);
    ByteString value = request.getIgnoreValue() ? prev.get().getValue() : request.getValue();
    long lease = request.getIgnoreLease() ? prev.get().getLease() : request.getLease();
    writePut(request.getKey(), value, lease, prev);
    PutResponse.Builder response = PutResponse.newBuilder().setHeader(header(pendingMain));
    if (request.getPrevKv() && prev.isPresent()) {
      response.setPrevKv(prev.get());
    }
    return response.build();
  }

  DeleteRangeResponse deleteRange(DeleteRangeRequest request) {
    List<KeyValue> doomed = view.currentRange(KeyRange.of(request.getKey(), request.getRangeEnd()));
    for (KeyValue kv : doomed) {
      writeDelete(kv);
    }
    DeleteRangeResponse.Builder response = DeleteRangeResponse.newBuilder()
        .setHeader(header(visibleRevision()))
        .setDeleted(doomed.size());
    if (request.getPrevKv()) {
      response.addAllPrevKvs(doomed);
    }
    return response.build();
  }

  private CompactionResponse compact(CompactionRequest request) {
    long rev = request.getRevision();
    if (rev > revision) {
      throw new KvException(KvError.FUTURE_REVISION,
          "compact revision " + rev + " > current revision " + revision);
    }
    if (rev <= compacted) {
      throw new KvException(KvError.COMPACTED,
          "compact revision " + rev + " <= compacted revision " + compacted);
    }
    Compactor.compact(view, batch, rev);
    compacted = rev;
    return CompactionResponse.newBuilder().setHeader(header(revision)).build();
  }

  private LeaseGrantResponse leaseGrant(LeaseGrantRequest request) {
    if (request.getTTL() > MAX_LEASE_TTL) {
      throw new KvException(KvError.LEASE_TTL_TOO_LARGE,
          "lease TTL " + request.getTTL() + " s > " + MAX_LEASE_TTL + " s");
    }
    long id = request.getID();
    if (id != 0 && leases.exists(id)) {
      throw new KvException(KvError.LEASE_EXISTS, "lease " + id + " already exists");
    }
    if (id == 0) {
      id = chooseLeaseId();
    }
    leases.grant(id, request.getTTL());
    stage(Column.META, Layout.leaseKey(id),
        LeaseRecord.newBuilder().setId(id).setTtl(request.getTTL()).build().toByteArray());
    return LeaseGrantResponse.newBuilder()
        .setHeader(header(revision)).setID(id).setTTL(request.getTTL()).build();
  }

  /** A positive id derived from the log index only, so every replica chooses the same one. */
  private long chooseLeaseId() {
    long candidate = (index * 0x9E3779B97F4A7C15L) & Long.MAX_VALUE;
    while (candidate == 0 || leases.exists(candidate)) {
      candidate = (candidate + 1) & Long.MAX_VALUE;
    }
    return candidate;
  }

  private LeaseRevokeResponse leaseRevoke(LeaseRevokeRequest request) {
    long id = request.getID();
    if (!leases.exists(id)) {
      throw new KvException(KvError.LEASE_NOT_FOUND, "revoke of lease " + id);
    }
    for (ByteString key : leases.revoke(id)) {
      writeDelete(view.current(key).orElseThrow(() -> new IllegalStateException(
          "lease " + id + " lists key " + key.toStringUtf8() + " which does not exist")));
    }
    try {
      batch.delete(view.handleOf(Column.META), Layout.leaseKey(id));
    } catch (RocksDBException e) {
      throw new IllegalStateException("staging revoke of lease " + id, e);
    }
    return LeaseRevokeResponse.newBuilder().setHeader(header(visibleRevision())).build();
  }

  // ---- writes ----

  private void writePut(ByteString key, ByteString value, long lease, Optional<KeyValue> prev) {
    Revision rev = new Revision(pendingMain, sub++);
    KeyValue kv = KeyValue.newBuilder()
        .setKey(key)
        .setCreateRevision(prev.map(KeyValue::getCreateRevision).orElse(pendingMain))
        .setModRevision(pendingMain)
        .setVersion(prev.map(p -> p.getVersion() + 1).orElse(1L))
        .setValue(value)
        .setLease(lease)
        .build();
    Event stored = Event.newBuilder().setType(Event.EventType.PUT).setKv(kv).build();
    byte[] kvBytes = kv.toByteArray();
    stage(Column.CURRENT, key.toByteArray(), kvBytes);
    stage(Column.HISTORY, Layout.historyKey(key, rev), new byte[] {Layout.PUT});
    stage(Column.EVENTS, rev.toBytes(), putEventBytes(kvBytes));
    Optional<KeyValue> before = prevOfCommand.computeIfAbsent(key, k -> prev);
    pendingEvents.add(before.isPresent() ? stored.toBuilder().setPrevKv(before.get()).build() : stored);
    leases.move(key, prev.map(KeyValue::getLease).orElse(0L), lease);
  }

  private void writeDelete(KeyValue prev) {
    Revision rev = new Revision(pendingMain, sub++);
    ByteString key = prev.getKey();
    Event stored = Event.newBuilder()
        .setType(Event.EventType.DELETE)
        .setKv(KeyValue.newBuilder().setKey(key).setModRevision(pendingMain))
        .build();
    try {
      batch.delete(view.handleOf(Column.CURRENT), key.toByteArray());
    } catch (RocksDBException e) {
      throw new IllegalStateException("staging delete of key " + key.toStringUtf8(), e);
    }
    stage(Column.HISTORY, Layout.historyKey(key, rev), new byte[] {Layout.TOMBSTONE});
    stage(Column.EVENTS, rev.toBytes(), stored.toByteArray());
    Optional<KeyValue> before = prevOfCommand.computeIfAbsent(key, k -> Optional.of(prev));
    pendingEvents.add(before.isPresent() ? stored.toBuilder().setPrevKv(before.get()).build() : stored);
    leases.move(key, prev.getLease(), 0);
  }

  /**
   * The encoding of {@code Event{type: PUT, kv}} from the already encoded kv: PUT is the default
   * type (not written), and an embedded message is encoded like a bytes field, so the kv is not
   * serialised a second time.
   */
  private static byte[] putEventBytes(byte[] kvBytes) {
    byte[] out = new byte[CodedOutputStream.computeByteArraySize(Event.KV_FIELD_NUMBER, kvBytes)];
    CodedOutputStream stream = CodedOutputStream.newInstance(out);
    try {
      stream.writeByteArray(Event.KV_FIELD_NUMBER, kvBytes);
    } catch (IOException e) {
      throw new IllegalStateException("encoding an event into a sized array", e);
    }
    stream.checkNoSpaceLeft();
    return out;
  }

  void stage(Column column, byte[] key, byte[] value) {
    try {
      batch.put(view.handleOf(column), key, value);
    } catch (RocksDBException e) {
      throw new IllegalStateException("staging a write to " + column, e);
    }
  }
}
