package dev.keel.kvstore.mvcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.kvstore.api.ApplyResult;
import dev.keel.kvstore.api.StoreConfig;
import dev.keel.kvstore.proto.Command;
import dev.keel.kvstore.proto.CommandBatch;
import dev.keel.kvstore.proto.RangeRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A writer process killed with SIGKILL mid-stream leaves a store that reopens consistent at its
 * applied index: its state equals a replay of the same entries into a fresh store and into the
 * model. With the WAL on nothing reported applied is lost; with it off the tail may be lost, but
 * never what a checkpoint reported durable.
 */
class RocksMvccStoreCrashTest {
  private static final Logger LOG = LoggerFactory.getLogger(RocksMvccStoreCrashTest.class);
  private static final long REPORTS_BEFORE_KILL = 600;

  @TempDir Path tmp;

  @ParameterizedTest(name = "disableWal={0}")
  @ValueSource(booleans = {false, true})
  void storeIsConsistentAfterSigkill(boolean disableWal) throws Exception {
    StoreConfig config = StoreConfig.of(tmp.resolve("store")).withDisableWal(disableWal);
    AtomicLong reported = new AtomicLong();
    AtomicLong durable = new AtomicLong();
    runAndKill(config, reported, durable);

    try (RocksMvccStore recovered = RocksMvccStore.open(config);
        RocksMvccStore replayed = RocksMvccStore.open(StoreConfig.of(tmp.resolve("replay")))) {
      long applied = recovered.appliedIndex();
      long mustHave = disableWal ? durable.get() : reported.get();
      LOG.info("disableWal={}: killed after applied {} / durable {} reports; recovered at index {}",
          disableWal, reported.get(), durable.get(), applied);
      assertTrue(applied >= mustHave,
          "recovered applied index " + applied + " < " + mustHave + " reported before the kill");
      MvccModel model = replay(replayed, 1, applied);
      assertConsistent(model, recovered, replayed);

      ApplyResult stale = recovered.apply(applied, 1, CrashWorkload.entry(applied));
      assertInstanceOf(ApplyResult.Skipped.class, stale);
      for (long index = applied + 1; index <= applied + 100; index++) {
        recovered.apply(index, 1, CrashWorkload.entry(index));
      }
      replayInto(model, replayed, applied + 1, applied + 100);
      assertConsistent(model, recovered, replayed);
    }
  }

  private void runAndKill(StoreConfig config, AtomicLong reported, AtomicLong durable)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            CrashWriterMain.class.getName(), config.dataDir().toString(),
            Boolean.toString(config.disableWal()))
        .redirectError(tmp.resolve("child-stderr.txt").toFile())
        .start();
    CountDownLatch progress = new CountDownLatch(1);
    Thread reader = new Thread(() -> readReports(child, reported, durable, progress, config.disableWal()),
        "crash-child-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      assertTrue(progress.await(60, TimeUnit.SECONDS),
          "child reported only applied " + reported.get() + ", durable " + durable.get());
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(20, TimeUnit.SECONDS), "killed child did not exit");
      reader.join(TimeUnit.SECONDS.toMillis(10));
    }
    assertTrue(child.exitValue() != 0, "child exited on its own");
  }

  private static void readReports(Process child, AtomicLong reported, AtomicLong durable,
      CountDownLatch progress, boolean needDurable) {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        String[] parts = line.split(" ");
        long n = Long.parseLong(parts[1]);
        (parts[0].equals("durable") ? durable : reported).set(n);
        if (reported.get() >= REPORTS_BEFORE_KILL && (!needDurable || durable.get() > 0)) {
          progress.countDown();
        }
      }
    } catch (IOException e) {
      // the child was killed: its stdout is gone
    }
  }

  private static MvccModel replay(RocksMvccStore fresh, long from, long to) {
    MvccModel model = new MvccModel();
    replayInto(model, fresh, from, to);
    return model;
  }

  private static void replayInto(MvccModel model, RocksMvccStore fresh, long from, long to) {
    for (long index = from; index <= to; index++) {
      CommandBatch entry = CrashWorkload.entry(index);
      fresh.apply(index, 1, entry);
      for (Command c : entry.getCommandsList()) {
        applyToModel(model, c);
      }
    }
  }

  private static void applyToModel(MvccModel model, Command c) {
    Outcome.of(() -> {
      switch (c.getOpCase()) {
        case PUT:
          return model.put(c.getPut());
        case DELETE_RANGE:
          return model.deleteRange(c.getDeleteRange());
        case TXN:
          return model.txn(c.getTxn());
        case LEASE_GRANT:
          return model.leaseGrant(c.getLeaseGrant());
        case LEASE_REVOKE:
          return model.leaseRevoke(c.getLeaseRevoke());
        default:
          return model.compact(c.getCompact());
      }
    });
  }

  private static void assertConsistent(MvccModel model, RocksMvccStore recovered,
      RocksMvccStore replayed) {
    assertEquals(replayed.appliedIndex(), recovered.appliedIndex());
    assertEquals(replayed.stateHash(), recovered.stateHash(), "state hash of recovered vs replay");
    assertEquals(model.revision(), recovered.revision(), "revision");
    assertEquals(model.compactRevision(), recovered.compactRevision(), "compacted revision");
    assertEquals(model.leases(), recovered.leases(), "leases");
    long step = Math.max(1, model.revision() / 20);
    for (long rev : List.of(model.revision(), Math.max(1, model.revision() - 1))) {
      RangeRequest all = Requests.all().toBuilder().setRevision(rev).build();
      assertEquals(Outcome.of(() -> model.range(all)), Outcome.of(() -> recovered.range(all)),
          "everything at revision " + rev);
    }
    for (long rev = 1; rev <= model.revision(); rev += step) {
      RangeRequest all = Requests.all().toBuilder().setRevision(rev).build();
      assertEquals(Outcome.of(() -> model.range(all)), Outcome.of(() -> recovered.range(all)),
          "everything at revision " + rev);
    }
  }
}
