package dev.keel.kvstore.mvcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keel.kvstore.api.ApplyResult;
import dev.keel.kvstore.api.MvccStore;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.CommandBatch;
import dev.keel.kvstore.proto.CompactionRequest;
import dev.keel.kvstore.proto.KeyValue;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a history against a real store and the model side by side and fails at the first
 * difference: every response, error kind, revision, compacted revision, applied index and lease.
 */
public final class ModelCheckedStore implements AutoCloseable {
  private static final long TERM = 3;

  private final StoreConfig config;
  private final Function<StoreConfig, MvccStore> opener;
  private final MvccModel model;
  private MvccStore store;
  private long index;
  /** What each step ended in ("Put", "TxnResponse failed", "COMPACTED", ...), for statistics. */
  private final List<String> outcomes = new ArrayList<>();
  /** Term recorded with the last entry: the conveniences apply with term 0. */
  private long term;
  private int step;

  public ModelCheckedStore(StoreConfig config, Function<StoreConfig, MvccStore> opener) {
    this.config = config;
    this.opener = opener;
    this.model = new MvccModel(config.maxRequestBytes(), config.maxTxnOps());
    this.store = opener.apply(config);
  }

  public MvccModel model() {
    return model;
  }

  public MvccStore store() {
    return store;
  }

  public void run(List<StoreOp> history) {
    for (StoreOp op : history) {
      run(op);
    }
    checkEveryRevision();
  }

  public void run(StoreOp op) {
    step++;
    if (op instanceof StoreOp.Write w) {
      Command c = w.command();
      index++;
      term = 0;
      Outcome expected = modelOutcome(c);
      outcomes.add(c.getOpCase() + ": " + label(expected));
      assertSame(op, expected, storeOutcome(c));
    } else if (op instanceof StoreOp.Compact compact) {
      run(new StoreOp.Write(resolve(compact)));
    } else if (op instanceof StoreOp.Batch batch) {
      runBatch(batch);
    } else if (op instanceof StoreOp.Read read) {
      checkRead(op, resolve(read));
    } else if (op instanceof StoreOp.Reopen) {
      store.close();
      store = opener.apply(config);
      assertEquals(index, store.appliedIndex(), "applied index after reopen");
      assertEquals(term, store.appliedTerm(), "applied term after reopen");
    }
    checkState(op);
  }

  /** Every readable revision reads like the model; every compacted one fails. */
  public void checkEveryRevision() {
    int counted = outcomes.size();
    for (long rev = 1; rev <= model.revision() + 1; rev++) {
      RangeRequest all = Requests.all().toBuilder().setRevision(rev).build();
      checkRead("read everything at " + rev, all);
    }
    outcomes.subList(counted, outcomes.size()).clear();
  }

  private void runBatch(StoreOp.Batch batch) {
    List<Command> commands = new ArrayList<>();
    List<Outcome> expected = new ArrayList<>();
    for (StoreOp w : batch.writes()) {
      Command c = w instanceof StoreOp.Compact compact
          ? resolve(compact) : ((StoreOp.Write) w).command();
      commands.add(c);
      expected.add(modelOutcome(c));
    }
    index++;
    term = TERM;
    ApplyResult result =
        store.apply(index, TERM, CommandBatch.newBuilder().addAllCommands(commands).build());
    ApplyResult.Applied applied = assertInstanceOf(ApplyResult.Applied.class, result);
    List<Outcome> actual = applied.results().stream().map(Outcome::of).collect(Collectors.toList());
    for (int i = 0; i < commands.size(); i++) {
      outcomes.add(commands.get(i).getOpCase() + " in batch: " + label(expected.get(i)));
    }
    assertEquals(expected, actual, () -> where(batch));
  }

  private Outcome storeOutcome(Command c) {
    switch (c.getOpCase()) {
      case PUT:
        return Outcome.of(() -> store.put(index, c.getPut()));
      case DELETE_RANGE:
        return Outcome.of(() -> store.deleteRange(index, c.getDeleteRange()));
      case TXN:
        return Outcome.of(() -> store.txn(index, c.getTxn()));
      case COMPACT:
        return Outcome.of(() -> store.compact(index, c.getCompact()));
      case LEASE_GRANT:
        return Outcome.of(() -> store.leaseGrant(index, c.getLeaseGrant()));
      case LEASE_REVOKE:
        return Outcome.of(() -> store.leaseRevoke(index, c.getLeaseRevoke()));
      default:
        throw new AssertionError("empty command");
    }
  }

  public Outcome modelOutcome(Command c) {
    switch (c.getOpCase()) {
      case PUT:
        return Outcome.of(() -> model.put(c.getPut()));
      case DELETE_RANGE:
        return Outcome.of(() -> model.deleteRange(c.getDeleteRange()));
      case TXN:
        return Outcome.of(() -> model.txn(c.getTxn()));
      case COMPACT:
        return Outcome.of(() -> model.compact(c.getCompact()));
      case LEASE_GRANT:
        return Outcome.of(() -> model.leaseGrant(c.getLeaseGrant()));
      case LEASE_REVOKE:
        return Outcome.of(() -> model.leaseRevoke(c.getLeaseRevoke()));
      default:
        throw new AssertionError("empty command");
    }
  }

  private Command resolve(StoreOp.Compact c) {
    long rev;
    if (c.forward()) {
      long span = Math.max(1, model.revision() - model.compactRevision());
      rev = model.compactRevision() + 1 + c.choice() % span;
    } else {
      rev = 1 + c.choice() % (model.revision() + 1);
    }
    return Command.newBuilder()
        .setCompact(CompactionRequest.newBuilder().setRevision(rev)).build();
  }

  private RangeRequest resolve(StoreOp.Read read) {
    if (read.revisionMode() == 0) {
      return read.request();
    }
    long rev = 1 + read.choice() % (model.revision() + 1);
    return read.request().toBuilder().setRevision(rev).build();
  }

  private void checkRead(Object what, RangeRequest request) {
    Outcome expected = Outcome.of(() -> model.range(request));
    Outcome actual = Outcome.of(() -> store.range(request));
    outcomes.add("RANGE: " + label(expected));
    if (expected instanceof Outcome.Ok ok && actual instanceof Outcome.Ok got
        && ModelRange.tiesPossible(request) && !request.getCountOnly()) {
      assertSameUpToTies(what, request, (RangeResponse) ok.response(), (RangeResponse) got.response());
      return;
    }
    assertSame(what, expected, actual);
  }

  /**
   * For a sort on a non-key target etcd leaves the order of equal sort values (and which of them
   * survive the limit) unspecified: the sort values in order, counts and flags must match, and
   * every kv must be one the model could have returned.
   */
  private void assertSameUpToTies(
      Object what, RangeRequest request, RangeResponse expected, RangeResponse actual) {
    String context = where(what) + "\nrequest: " + request + "\nexpected: " + expected
        + "\nactual: " + actual;
    assertEquals(expected.toBuilder().clearKvs().build(), actual.toBuilder().clearKvs().build(),
        context);
    assertEquals(expected.getKvsCount(), actual.getKvsCount(), context);
    Map<com.google.protobuf.ByteString, KeyValue> candidates = model.rangeCandidates(request)
        .stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv));
    Comparator<KeyValue> order = ModelRange.sortValueOrder(request.getSortTarget());
    Set<com.google.protobuf.ByteString> seen = new HashSet<>();
    for (int i = 0; i < actual.getKvsCount(); i++) {
      KeyValue got = actual.getKvs(i);
      KeyValue full = candidates.get(got.getKey());
      assertTrue(full != null && seen.add(got.getKey()), "unexpected or repeated kv " + context);
      KeyValue shown = request.getKeysOnly() ? full.toBuilder().clearValue().build() : full;
      assertEquals(shown, got, context);
      KeyValue want = candidates.get(expected.getKvs(i).getKey());
      assertEquals(0, order.compare(want, full), "sort value at position " + i + " " + context);
    }
  }

  private void checkState(StoreOp op) {
    assertEquals(model.revision(), store.revision(), () -> "revision " + where(op));
    assertEquals(model.compactRevision(), store.compactRevision(),
        () -> "compacted revision " + where(op));
    assertEquals(index, store.appliedIndex(), () -> "applied index " + where(op));
    assertEquals(term, store.appliedTerm(), () -> "applied term " + where(op));
    assertEquals(model.leases(), store.leases(), () -> "leases " + where(op));
  }

  /** What the steps so far ended in, one label per request. */
  public List<String> outcomes() {
    return List.copyOf(outcomes);
  }

  private void assertSame(Object what, Outcome expected, Outcome actual) {
    if (!expected.equals(actual)) {
      fail(where(what) + "\nexpected (model): " + expected + "\nactual (store):   " + actual);
    }
  }

  private static String label(Outcome o) {
    if (o instanceof Outcome.Failed f) {
      return f.error().name();
    }
    Object response = ((Outcome.Ok) o).response();
    if (response instanceof dev.keel.kvstore.proto.TxnResponse txn) {
      return "Txn " + (txn.getSucceeded() ? "succeeded" : "failed")
          + (txn.getHeader().getRevision() > 0 && txn.getResponsesCount() > 0 ? " with ops" : "");
    }
    if (response instanceof RangeResponse range) {
      return range.getKvsCount() > 0 ? "Range with kvs" : "Range empty";
    }
    return response.getClass().getSimpleName();
  }

  private String where(Object what) {
    return "at step " + step + " (index " + index + "): " + what;
  }


  @Override
  public void close() {
    store.close();
  }
}
