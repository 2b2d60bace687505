package dev.keel.kvstore.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.api.LeaseInfo;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.proto.CompactionRequest;
import dev.keel.kvstore.proto.CompactionResponse;
import dev.keel.kvstore.proto.DeleteRangeRequest;
import dev.keel.kvstore.proto.DeleteRangeResponse;
import dev.keel.kvstore.proto.Event;
import dev.keel.kvstore.proto.KeyValue;
import dev.keel.kvstore.proto.LeaseGrantRequest;
import dev.keel.kvstore.proto.LeaseGrantResponse;
import dev.keel.kvstore.proto.LeaseRevokeRequest;
import dev.keel.kvstore.proto.LeaseRevokeResponse;
import dev.keel.kvstore.proto.PutRequest;
import dev.keel.kvstore.proto.PutResponse;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import dev.keel.kvstore.proto.ResponseHeader;
import dev.keel.kvstore.proto.TxnRequest;
import dev.keel.kvstore.proto.TxnResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-memory reference model of etcd 3.4's MVCC semantics (shared/notes/etcd-api.md sections
 * 1-4, 6): the oracle the RocksDB store is checked against. Deliberately naive: every version of
 * every key is kept, reads scan. Failures throw the same {@link KvException} kinds the store uses;
 * a failing request changes nothing.
 */
public final class MvccModel {
  static final long MAX_LEASE_TTL = 9_000_000_000L;

  private final int maxRequestBytes;
  private final int maxTxnOps;
  private final ModelKeyspace keyspace = new ModelKeyspace();
  private final List<Event> events = new ArrayList<>();
  /** Lease id -> granted TTL. */
  private final TreeMap<Long, Long> leases = new TreeMap<>();
  private long revision = 1;
  private long compactRevision;

  public MvccModel(int maxRequestBytes, int maxTxnOps) {
    this.maxRequestBytes = maxRequestBytes;
    this.maxTxnOps = maxTxnOps;
  }

  public MvccModel() {
    this(StoreConfig.DEFAULT_MAX_REQUEST_BYTES, StoreConfig.DEFAULT_MAX_TXN_OPS);
  }

  public long revision() {
    return revision;
  }

  public long compactRevision() {
    return compactRevision;
  }

  /** Every event so far, in (revision, sub-revision) order, prev_kv set whenever the key existed. */
  public List<Event> events() {
    return Collections.unmodifiableList(events);
  }

  public List<LeaseInfo> leases() {
    List<LeaseInfo> out = new ArrayList<>();
    for (Map.Entry<Long, Long> e : leases.entrySet()) {
      out.add(new LeaseInfo(e.getKey(), e.getValue(), attachedKeys(e.getKey())));
    }
    return out;
  }

  /** The key's kv at {@code rev}, ignoring compaction (for prev_kv expectations). */
  public java.util.Optional<KeyValue> kvAt(ByteString key, long rev) {
    return keyspace.get(key, rev);
  }

  public RangeResponse range(RangeRequest r) {
    ModelRequestChecks.checkKey(r.getKey(), "range");
    long rev = checkReadRevision(r.getRevision());
    return ModelRange.read(live(r.getKey(), r.getRangeEnd(), rev), r, revision);
  }

  /** The filtered and sorted kvs a range may choose from before truncation to its limit. */
  public List<KeyValue> rangeCandidates(RangeRequest r) {
    long rev = r.getRevision() <= 0 ? revision : r.getRevision();
    return ModelRange.sortedCandidates(live(r.getKey(), r.getRangeEnd(), rev), r);
  }

  public PutResponse put(PutRequest r) {
    ModelRequestChecks.checkPut(r);
    checkSize(r);
    if (r.getLease() != 0 && !leases.containsKey(r.getLease())) {
      throw new KvException(KvError.LEASE_NOT_FOUND, "lease " + r.getLease());
    }
    ModelWrite w = beginWrite();
    PutResponse resp = ModelTxn.put(w, r);
    finish(w);
    return resp;
  }

  public DeleteRangeResponse deleteRange(DeleteRangeRequest r) {
    ModelRequestChecks.checkKey(r.getKey(), "delete");
    checkSize(r);
    ModelWrite w = beginWrite();
    DeleteRangeResponse resp = ModelTxn.delete(w, r);
    finish(w);
    return resp;
  }

  public TxnResponse txn(TxnRequest r) {
    ModelRequestChecks.checkTxn(r, maxTxnOps);
    ModelRequestChecks.checkDuplicates(r);
    checkSize(r);
    ModelTxn txn = new ModelTxn(keyspace, revision, compactRevision, leases.keySet());
    List<Boolean> path = txn.compareToPath(r);
    txn.checkChosenOps(r, path);
    ModelWrite w = beginWrite();
    TxnResponse.Builder resp = txn.execute(w, r, path.iterator()).toBuilder();
    finish(w);
    return resp.setHeader(header(w.currentRevision())).build();
  }

  public CompactionResponse compact(CompactionRequest r) {
    if (r.getRevision() <= compactRevision) {
      throw new KvException(KvError.COMPACTED,
          "compact revision " + r.getRevision() + " <= compacted revision " + compactRevision);
    }
    if (r.getRevision() > revision) {
      throw new KvException(KvError.FUTURE_REVISION,
          "compact revision " + r.getRevision() + " > current revision " + revision);
    }
    compactRevision = r.getRevision();
    return CompactionResponse.newBuilder().setHeader(header(revision)).build();
  }

  public LeaseGrantResponse leaseGrant(LeaseGrantRequest r) {
    if (r.getID() == 0) {
      throw new IllegalArgumentException("the model needs explicit lease ids");
    }
    if (r.getTTL() > MAX_LEASE_TTL) {
      throw new KvException(KvError.LEASE_TTL_TOO_LARGE, "ttl " + r.getTTL());
    }
    if (leases.containsKey(r.getID())) {
      throw new KvException(KvError.LEASE_EXISTS, "lease " + r.getID());
    }
    leases.put(r.getID(), r.getTTL());
    return LeaseGrantResponse.newBuilder()
        .setHeader(header(revision)).setID(r.getID()).setTTL(r.getTTL()).build();
  }

  public LeaseRevokeResponse leaseRevoke(LeaseRevokeRequest r) {
    if (!leases.containsKey(r.getID())) {
      throw new KvException(KvError.LEASE_NOT_FOUND, "lease " + r.getID());
    }
    ModelWrite w = beginWrite();
    for (ByteString key : attachedKeys(r.getID())) {
      w.delete(w.get(key).orElseThrow());
    }
    leases.remove(r.getID());
    finish(w);
    return LeaseRevokeResponse.newBuilder().setHeader(header(revision)).build();
  }

  static ResponseHeader header(long rev) {
    return ResponseHeader.newBuilder().setRevision(rev).build();
  }

  private List<ByteString> attachedKeys(long leaseId) {
    List<ByteString> keys = new ArrayList<>();
    for (KeyValue kv : keyspace.range(KeyInterval.of(KeyInterval.NUL, KeyInterval.NUL), revision)) {
      if (kv.getLease() == leaseId) {
        keys.add(kv.getKey());
      }
    }
    return keys;
  }

  private List<KeyValue> live(ByteString key, ByteString rangeEnd, long rev) {
    return keyspace.range(KeyInterval.of(key, rangeEnd), rev);
  }

  private long checkReadRevision(long requested) {
    if (requested > revision) {
      throw new KvException(KvError.FUTURE_REVISION,
          "range revision " + requested + " > current revision " + revision);
    }
    long rev = requested <= 0 ? revision : requested;
    if (rev < compactRevision) {
      throw new KvException(KvError.COMPACTED,
          "range revision " + rev + " < compacted revision " + compactRevision);
    }
    return rev;
  }

  private void checkSize(Message request) {
    if (request.getSerializedSize() > maxRequestBytes) {
      throw new KvException(KvError.REQUEST_TOO_LARGE,
          "request of " + request.getSerializedSize() + " bytes > " + maxRequestBytes);
    }
  }

  private ModelWrite beginWrite() {
    return new ModelWrite(keyspace, events, revision);
  }

  private void finish(ModelWrite w) {
    if (w.changed()) {
      revision = w.writeRevision();
    }
  }
}
