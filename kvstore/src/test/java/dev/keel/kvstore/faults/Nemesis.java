package dev.keel.kvstore.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link FaultSchedule} against a {@link FaultCluster} on its own thread: each step waits,
 * injects its fault on a victim chosen then, holds it, and heals it. {@link #stop()} ends the
 * schedule early, healing the fault in progress. What happened, with times since the run started,
 * is kept in {@link #events()} for the failure report.
 */
final class Nemesis implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Nemesis.class);

  private final FaultCluster cluster;
  private final FaultSchedule schedule;
  private final Random random;
  private final long startNanos;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final CountDownLatch done = new CountDownLatch(1);
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private final Thread thread;

  /**
   * @param startNanos the run's time zero ({@link System#nanoTime()}), for the event times
   */
  Nemesis(FaultCluster cluster, FaultSchedule schedule, Random random, long startNanos) {
    this.cluster = cluster;
    this.schedule = schedule;
    this.random = random;
    this.startNanos = startNanos;
    this.thread = new Thread(this::run, "nemesis");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** What the nemesis did, one line per action. */
  List<String> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  private void note(String what) {
    String line = String.format("%6.2f s  %s", (System.nanoTime() - startNanos) / 1e9, what);
    events.add(line);
    LOG.info("nemesis: {}", what);
  }

  private boolean pause(long millis) {
    try {
      return !stopping.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Waits (bounded) until the schedule has run to its end; true when it has. */
  boolean awaitDone(long millis) {
    try {
      return done.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void run() {
    try {
      runSteps();
    } finally {
      done.countDown();
    }
  }

  private void runSteps() {
    for (FaultStep step : schedule.steps()) {
      if (!pause(step.gapMillis())) {
        return;
      }
      Runnable heal;
      try {
        heal = inject(step.fault());
      } catch (RuntimeException e) {
        note("injecting " + step.fault() + " failed: " + e.getMessage());
        continue;
      }
      pause(step.holdMillis());
      try {
        heal.run();
      } catch (RuntimeException e) {
        note("healing " + step.fault() + " failed: " + e.getMessage());
      }
    }
    note("schedule done");
  }

  /** Injects {@code fault} now and returns what heals it. */
  private Runnable inject(Fault fault) {
    if (fault instanceof Fault.Kill kill) {
      String victim = pick(kill.target());
      cluster.kill(victim);
      note("SIGKILL " + victim + " (" + kill.target() + ")");
      return () -> {
        cluster.restart(victim);
        note("restarted " + victim);
      };
    }
    if (fault instanceof Fault.Pause p) {
      String victim = pick(p.target());
      cluster.pause(victim);
      note("SIGSTOP " + victim + " (" + p.target() + ")");
      return () -> {
        cluster.resume(victim);
        note("SIGCONT " + victim);
      };
    }
    if (fault instanceof Fault.Isolate isolate) {
      String victim = pick(isolate.target());
      cluster.network().isolate(victim);
      note("isolated " + victim + " (" + isolate.target() + "), cut " + cluster.network().cutLinks());
      return this::healNetwork;
    }
    if (fault instanceof Fault.Bridge bridge) {
      String middle = pick(bridge.target());
      List<String> ends = cluster.members().stream()
          .filter(m -> !m.equals(middle) && !cluster.removedMembers().contains(m)).toList();
      if (ends.size() >= 2) {
        cluster.network().cutBetween(ends.get(0), ends.get(1));
      }
      note("bridge through " + middle + " (" + bridge.target() + "), cut " + cluster.network().cutLinks());
      return this::healNetwork;
    }
    if (fault instanceof Fault.MemberChange change) {
      String victim = pick(change.target());
      note("removing " + victim + " (" + change.target() + ") from the group");
      cluster.removeMember(victim);
      note("removed and wiped " + victim);
      return () -> {
        note("adding " + victim + " back");
        cluster.rejoin(victim);
        note("added " + victim + " back");
      };
    }
    if (fault instanceof Fault.SnapshotCatchUp) {
      return snapshotCatchUp();
    }
    throw new IllegalArgumentException("unknown fault " + fault);
  }

  private void healNetwork() {
    cluster.network().healAll();
    note("network healed");
  }

  private Runnable snapshotCatchUp() {
    String victim = pick(Fault.Target.FOLLOWER);
    long start = leaderCommitIndex().orElse(0L);
    cluster.kill(victim);
    long needed = start + 2 * cluster.config().snapshotThreshold() + cluster.config().purgePreservation();
    note("SIGKILL " + victim + " (FOLLOWER) at commit index " + start + ", down until index " + needed);
    return () -> {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      long now = start;
      while (System.nanoTime() < deadline && (now = leaderCommitIndex().orElse(now)) < needed) {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      cluster.restart(victim);
      note("restarted " + victim + " at commit index " + now
          + (now < needed ? " (the log may not have been purged)" : ""));
    };
  }

  private Optional<Long> leaderCommitIndex() {
    return cluster.leader().flatMap(cluster::status).map(s -> s.getRaftIndex());
  }

  /** Chooses the victim among the members in the group. */
  private String pick(Fault.Target target) {
    List<String> candidates = new ArrayList<>(cluster.members());
    candidates.removeAll(cluster.removedMembers());
    Optional<String> leader = target == Fault.Target.ANY ? Optional.empty() : cluster.leader();
    if (target == Fault.Target.LEADER && leader.isPresent()) {
      return leader.get();
    }
    if (target == Fault.Target.FOLLOWER && leader.isPresent() && candidates.size() > 1) {
      candidates.remove(leader.get());
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  /** Ends the schedule, healing the fault in progress (bounded by the cluster's waits). */
  void stop() {
    stopping.countDown();
    try {
      thread.join(cluster.config().waitTimeout().toMillis() * 2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      note("the nemesis did not stop in time");
    }
  }

  @Override
  public void close() {
    stop();
  }
}
