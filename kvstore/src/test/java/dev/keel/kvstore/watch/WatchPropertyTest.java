package dev.keel.kvstore.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.keel.kvstore.api.KvError;
import dev.keel.kvstore.api.KvException;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.api.Watch;
import dev.keel.kvstore.api.WatchSpec;
import dev.keel.kvstore.mvcc.KeyInterval;
import dev.keel.kvstore.mvcc.ModelCheckedStore;
import dev.keel.kvstore.mvcc.MvccModel;
import dev.keel.kvstore.mvcc.RocksMvccStore;
import dev.keel.kvstore.mvcc.StoreOp;
import dev.keel.kvstore.mvcc.StoreOpArbitraries;
import dev.keel.kvstore.mvcc.TestDirs;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Watchers with random ranges, start revisions (0, past, future, compacted), prev_kv and filters,
 * some slow on a store with a tiny watch buffer so they fall behind and catch up from disk, receive
 * exactly the model's events after their start: in order, no duplicates, whole revisions per
 * call; or onCompacted exactly when they start below the compacted revision.
 */
class WatchPropertyTest {
  private static final long AWAIT_MILLIS = 20_000;

  /** How a watcher picks its start revision once the first part of the history is written. */
  enum Start { ZERO, PAST, AT_COMPACTED, FUTURE, COMPACTED }

  record WatcherPlan(List<ByteString> range, Start start, int choice, boolean prevKv,
      boolean noPut, boolean noDelete, boolean slow) {}

  record Scenario(List<Command> before, int compactChoice, List<WatcherPlan> watchers,
      List<Command> after, int bufferRevisions) {}

  private record Running(WatcherPlan plan, WatchSpec spec, long start, Watch watch,
      RecordingListener listener) {}

  // Embedded edge cases skew the small value pools (e.g. most puts would name a lease).
  @Property(edgeCases = EdgeCasesMode.NONE)
  void watchersReceiveTheModelsEventsAfterTheirStart(@ForAll("scenarios") Scenario s)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("keel-watch-");
    StoreConfig config = StoreConfig.of(dir);
    if (s.bufferRevisions() > 0) {
      config = config.withWatchBufferRevisions(s.bufferRevisions());
    }
    List<Running> running = new ArrayList<>();
    try (ModelCheckedStore checked = new ModelCheckedStore(config, RocksMvccStore::open)) {
      MvccModel model = checked.model();
      s.before().forEach(c -> checked.run(new StoreOp.Write(c)));
      if (s.compactChoice() >= 0) {
        checked.run(new StoreOp.Compact(true, s.compactChoice()));
      }
      for (WatcherPlan plan : s.watchers()) {
        start(checked, plan).ifPresent(running::add);
      }
      s.after().forEach(c -> checked.run(new StoreOp.Write(c)));
      running.forEach(r -> r.listener().release());
      for (Running r : running) {
        check(model, r);
      }
      running.forEach(r -> r.watch().close());
    } finally {
      running.forEach(r -> r.listener().release());
      TestDirs.deleteRecursively(dir);
    }
  }

  private java.util.Optional<Running> start(ModelCheckedStore checked, WatcherPlan plan) {
    MvccModel model = checked.model();
    long rev = model.revision();
    long compacted = model.compactRevision();
    long start;
    switch (plan.start()) {
      case PAST:
        start = 1 + plan.choice() % rev;
        break;
      case AT_COMPACTED:
        start = Math.max(1, compacted);
        break;
      case FUTURE:
        start = rev + 1 + plan.choice() % 3;
        break;
      case COMPACTED:
        start = compacted > 1 ? 1 + plan.choice() % (compacted - 1) : 0;
        break;
      default:
        start = 0;
    }
    WatchSpec spec = new WatchSpec(plan.range().get(0), plan.range().get(1), start,
        plan.prevKv(), plan.noPut(), plan.noDelete());
    RecordingListener listener = new RecordingListener(plan.slow());
    if (KeyInterval.of(spec.key(), spec.rangeEnd()).empty()) {
      KvException e = assertThrows(KvException.class, () -> checked.store().watch(spec, listener));
      assertEquals(KvError.WATCH_RANGE_EMPTY, e.error());
      return java.util.Optional.empty();
    }
    Watch watch = checked.store().watch(spec, listener);
    return java.util.Optional.of(
        new Running(plan, spec, start == 0 ? rev + 1 : start, watch, listener));
  }

  private void check(MvccModel model, Running r) throws InterruptedException {
    String what = "watcher " + r.spec() + " starting at " + r.start();
    RecordingListener listener = r.listener();
    if (r.spec().startRevision() != 0 && r.spec().startRevision() < model.compactRevision()) {
      assertTrue(listener.awaitCompacted(AWAIT_MILLIS), "no onCompacted for " + what);
      assertEquals(model.compactRevision(), listener.compactedAt(), what);
      assertEquals(List.of(), listener.calls(), what);
      assertEquals(List.of(), listener.violations(), what);
      return;
    }
    List<Event> expected = expectedEvents(model, r.spec(), r.start());
    long last = expected.isEmpty() ? 0 : expected.get(expected.size() - 1).getKv().getModRevision();
    assertTrue(listener.awaitRevision(last, AWAIT_MILLIS),
        () -> "events up to " + last + " not delivered to " + what + ", got " + listener.calls());
    awaitDelivered(r.watch(), model.revision(), what);
    assertEquals(-1, listener.compactedAt(), what);
    assertEquals(List.of(), listener.violations(), what);
    List<Event> got = new ArrayList<>();
    long previousCallEnd = 0;
    for (List<Event> call : listener.calls()) {
      long first = call.get(0).getKv().getModRevision();
      assertTrue(first > previousCallEnd,
          () -> "revision " + first + " split across calls or repeated for " + what);
      previousCallEnd = call.get(call.size() - 1).getKv().getModRevision();
      got.addAll(call);
    }
    assertEquals(expected, got, what);
  }

  private static void awaitDelivered(Watch watch, long revision, String what)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + AWAIT_MILLIS;
    while (watch.deliveredRevision() < revision) {
      assertTrue(System.currentTimeMillis() < deadline,
          () -> what + ": deliveredRevision " + watch.deliveredRevision() + " < " + revision);
      Thread.sleep(5); // polling a progress counter, not synchronising on it
    }
  }

  /** The model's events for a watcher, prev_kv only where etcd can still read revision - 1. */
  static List<Event> expectedEvents(MvccModel model, WatchSpec spec, long start) {
    KeyInterval range = KeyInterval.of(spec.key(), spec.rangeEnd());
    List<Event> out = new ArrayList<>();
    for (Event e : model.events()) {
      long rev = e.getKv().getModRevision();
      boolean put = e.getType() == Event.EventType.PUT;
      if (rev < start || !range.contains(e.getKv().getKey())
          || put && spec.noPut() || !put && spec.noDelete()) {
        continue;
      }
      // etcd reads prev_kv at revision - 1 (v3rpc/watch.go), not the write just before it.
      Event.Builder expected = e.toBuilder().clearPrevKv();
      if (spec.prevKv() && rev - 1 >= model.compactRevision()) {
        model.kvAt(e.getKv().getKey(), rev - 1).ifPresent(expected::setPrevKv);
      }
      out.add(expected.build());
    }
    return out;
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Command> write = StoreOpArbitraries.write();
    Arbitrary<WatcherPlan> watcher = Combinators.combine(
            StoreOpArbitraries.keyRange(),
            Arbitraries.of(Start.class),
            Arbitraries.integers().between(0, 1000),
            Arbitraries.of(true, false),
            Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)),
            Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)),
            Arbitraries.frequency(Tuple.of(2, false), Tuple.of(1, true)))
        .as(WatcherPlan::new);
    return Combinators.combine(
            write.list().ofMaxSize(12),
            Arbitraries.frequency(Tuple.of(1, -1), Tuple.of(1, 0), Tuple.of(1, 3), Tuple.of(1, 500)),
            watcher.list().ofMinSize(1).ofMaxSize(4),
            write.list().ofMinSize(1).ofMaxSize(15),
            Arbitraries.of(0, 1, 2))
        .as(Scenario::new);
  }
}
