package dev.keel.kvstore.faults;

import dev.keel.kvstore.check.Command;
import dev.keel.kvstore.check.History;
import dev.keel.kvstore.check.HistoryRecorder;
import dev.keel.kvstore.check.KeyRange;
import dev.keel.kvstore.check.Outcome;
import dev.keel.kvstore.check.Versioned;
import dev.keel.kvstore.check.WatchSession;
import dev.keel.kvstore.proto.KVGrpc;
import dev.keel.kvstore.proto.KeyValue;
import dev.keel.kvstore.proto.RangeRequest;
import dev.keel.kvstore.proto.RangeResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fault run: a fresh three-member cluster, clients and watchers recording while a nemesis runs
 * its schedule, then healing, a SIGKILL of every member and a restart, final reads on every member
 * and the {@link RunChecks}. Every process and thread it starts is gone when {@link #run()}
 * returns; the run's directory is deleted when the run passed.
 */
final class FaultRun {

  private static final Logger LOG = LoggerFactory.getLogger(FaultRun.class);

  /**
   * @param baseDir parent of the run's directory
   * @param workload the client workload
   * @param faultWindow how long clients run under the nemesis at least; the nemesis may take up
   *     to twice that again to finish its schedule (injecting and healing take time too)
   * @param watchers number of recorded watchers
   * @param checkBudget time budget of the linearizability search
   */
  record Settings(Path baseDir, WorkloadConfig workload, Duration faultWindow, int watchers,
      Duration checkBudget) {

    static Settings defaults(Path baseDir) {
      return new Settings(baseDir, WorkloadConfig.defaults(), Duration.ofSeconds(12), 2,
          Duration.ofSeconds(30));
    }
  }

  private static final long FINAL_WAIT_MS = 20_000;

  private final Settings settings;
  private final FaultSchedule schedule;
  private final long seed;
  private final Path dir;
  private final HistoryRecorder recorder = new HistoryRecorder(System::nanoTime);

  FaultRun(Settings settings, FaultSchedule schedule, long seed) {
    this.settings = settings;
    this.schedule = schedule;
    this.seed = seed;
    this.dir = settings.baseDir().resolve("run-" + Long.toHexString(seed) + "-" + System.nanoTime());
  }

  RunReport run() {
    long start = System.nanoTime();
    Random random = new Random(seed);
    List<String> nemesisEvents = List.of();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "watch-timer");
      t.setDaemon(true);
      return t;
    });
    Map<String, ManagedChannel> channels = new HashMap<>();
    List<SessionWatcher> watchers = new ArrayList<>();
    RunReport report;
    try (FaultCluster cluster = FaultCluster.start(FaultClusterConfig.defaults(dir))) {
      long clusterUp = System.nanoTime();
      for (String m : cluster.members()) {
        int port = Integer.parseInt(cluster.clientEndpoint(m).split(":")[1]);
        channels.put(m, NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
      }
      for (int i = 0; i < settings.watchers(); i++) {
        List<ManagedChannel> order = new ArrayList<>();
        for (int j = 0; j < cluster.members().size(); j++) {
          order.add(channels.get(cluster.members().get((i + j) % cluster.members().size())));
        }
        watchers.add(new SessionWatcher("watch-" + i, order, KeyRange.prefix(WorkloadConfig.prefix()), timer));
      }
      try (Nemesis nemesis = new Nemesis(cluster, schedule, random, start);
          Workload workload = new Workload(cluster.clientEndpoints(), recorder, settings.workload(),
              random.nextLong())) {
        workload.start();
        nemesis.start();
        sleep(settings.faultWindow().toMillis());
        if (!nemesis.awaitDone(2 * settings.faultWindow().toMillis())) {
          LOG.info("fault run {}: the schedule is cut short", seed);
        }
        nemesis.stop();
        nemesisEvents = nemesis.events();
        cluster.healEverything();
        sleep(1000); // a little traffic on the healed cluster
        workload.stop();
      }
      long finalPhase = System.nanoTime();
      report = finish(cluster, channels, watchers, nemesisEvents);
      LOG.info("fault run {}: cluster up after {} ms, faults and healing {} ms, restart and checks {} ms",
          seed, (clusterUp - start) / 1_000_000, (finalPhase - clusterUp) / 1_000_000,
          (System.nanoTime() - finalPhase) / 1_000_000);
    } catch (RuntimeException e) {
      LOG.warn("fault run {} could not complete", seed, e);
      report = new RunReport(seed, schedule, nemesisEvents, "run did not complete",
          List.of("the run did not complete: " + e), dir);
    } finally {
      watchers.forEach(SessionWatcher::close);
      timer.shutdownNow();
      channels.values().forEach(ManagedChannel::shutdownNow);
    }
    if (report.passed()) {
      deleteTree(dir);
    }
    LOG.info("{}", report.describe());
    appendSummary(report, System.nanoTime() - start);
    return report;
  }

  /** Kill everything, restart, read every member, check. */
  private RunReport finish(FaultCluster cluster, Map<String, ManagedChannel> channels,
      List<SessionWatcher> watchers, List<String> nemesisEvents) {
    List<String> problems = new ArrayList<>();
    cluster.killAll();
    cluster.restartAll();
    cluster.awaitHealthy();
    long revision = 0;
    for (int i = 0; i < cluster.members().size(); i++) {
      String m = cluster.members().get(i);
      revision = Math.max(revision, finalRead(100 + i, channels.get(m)));
    }
    for (SessionWatcher w : watchers) {
      if (!w.awaitRevision(revision, FINAL_WAIT_MS)) {
        problems.add(w.session().name() + " did not reach the final revision " + revision
            + " within " + FINAL_WAIT_MS + " ms after healing (last " + w.lastRevision() + ")");
      }
    }
    watchers.forEach(SessionWatcher::close);
    List<MemberState> states = new ArrayList<>();
    for (String m : cluster.members()) {
      states.add(memberState(m, channels.get(m), revision));
    }
    History history = recorder.history();
    List<WatchSession> sessions = watchers.stream().map(SessionWatcher::session).toList();
    RunChecks checks = new RunChecks(history, sessions, states, settings.checkBudget());
    problems.addAll(checks.run());
    return new RunReport(seed, schedule, nemesisEvents, checks.summary(), problems, dir);
  }

  /**
   * A linearizable read of every key on one member after the restart, recorded in the history
   * (process {@code process}), so that a lost acknowledged write shows as a stale final read.
   * Retried (bounded) while the member cannot serve it. Returns the revision read at.
   */
  private long finalRead(int process, ManagedChannel channel) {
    List<String> keys = settings.workload().keyNames();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FINAL_WAIT_MS);
    while (true) {
      HistoryRecorder.Invocation call = recorder.invoke(process, new Command.Range(keys));
      try {
        RangeResponse r = KVGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .range(RangeRequest.newBuilder().setKey(ClientWorker.bytes(WorkloadConfig.prefix()))
                .setRangeEnd(ClientWorker.bytes(ClientWorker.prefixEnd(WorkloadConfig.prefix()))).build());
        Map<String, Versioned> values = new HashMap<>();
        r.getKvsList().forEach(kv -> values.put(kv.getKey().toStringUtf8(), ClientWorker.versioned(kv)));
        recorder.complete(call, new Outcome.RangeOk(values, r.getHeader().getRevision()));
        return r.getHeader().getRevision();
      } catch (StatusRuntimeException e) {
        recorder.complete(call, new Outcome.Failed(e.getStatus().toString()));
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("final read failed for " + FINAL_WAIT_MS + " ms: " + e, e);
        }
        sleep(200);
      }
    }
  }

  /** The member's own view: a serializable range of every key at {@code revision}, and its events. */
  private MemberState memberState(String member, ManagedChannel channel, long revision) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FINAL_WAIT_MS);
    RangeResponse r;
    do {
      r = KVGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
          .range(RangeRequest.newBuilder().setKey(ClientWorker.bytes("\0"))
              .setRangeEnd(ClientWorker.bytes("\0")).setSerializable(true).build());
      if (r.getHeader().getRevision() >= revision) {
        break;
      }
      sleep(200);
    } while (System.nanoTime() < deadline);
    List<KeyValue> kvs = r.getKvsList().stream()
        .sorted(Comparator.comparing(kv -> kv.getKey().toStringUtf8())).toList();
    return new MemberState(member, r.getHeader().getRevision(), kvs,
        EventLogReader.read(member, channel, revision, FINAL_WAIT_MS));
  }

  /** One line per run in {@code <baseDir>/summary.txt}, to follow a long run. */
  private void appendSummary(RunReport report, long nanos) {
    String line = java.time.Instant.now() + " " + (report.passed() ? "PASSED" : "FAILED") + " seed "
        + seed + " in " + nanos / 1_000_000_000 + " s; " + schedule + "; " + report.summary() + "\n";
    try {
      Files.createDirectories(settings.baseDir());
      Files.writeString(settings.baseDir().resolve("summary.txt"), line,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.warn("cannot append to the run summary: {}", e.toString());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", root, e.toString());
    }
  }
}
